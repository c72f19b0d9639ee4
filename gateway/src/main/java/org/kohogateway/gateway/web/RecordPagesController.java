package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.blankToNull;
import static org.kohogateway.gateway.web.FormValues.orEmpty;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.records.PostRecords;
import org.kohogateway.gateway.records.RecordHolds;
import org.kohogateway.gateway.records.RecordPackages;
import org.kohogateway.gateway.records.RecordQuery;
import org.kohogateway.gateway.records.RecordSummary;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The auditors' records search (公文書としての投稿): by words of the text, account, dates of first send (city time),
 * category and a platform's post id, with each record's retention, hold and disposal, and the disclosure packages of
 * one record or of a range; a record's page, where an auditor or admin puts it on legal hold or lifts the hold, each
 * with a reason ({@link RecordHolds} decides who may and when). The downloads live on the session chain, as the
 * audit CSV does.
 */
@Controller
class RecordPagesController {

    private static final int PAGE_LIMIT = 100;

    private final PostRecords records;
    private final RecordHolds holds;
    private final RecordPackages packages;
    private final OfficialAccounts accounts;
    private final FormErrors errors;

    RecordPagesController(PostRecords records, RecordHolds holds, RecordPackages packages, OfficialAccounts accounts,
            FormErrors errors) {
        this.records = records;
        this.holds = holds;
        this.packages = packages;
        this.accounts = accounts;
        this.errors = errors;
    }

    @GetMapping("/records")
    String search(Staff me, @RequestParam(required = false) String text,
            @RequestParam(required = false) Long accountId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) PostCategory category,
            @RequestParam(required = false) String platformPostId, Model model, HttpServletResponse response) {
        model.addAttribute("text", blankToNull(text));
        model.addAttribute("accountId", accountId);
        model.addAttribute("from", blankToNull(from));
        model.addAttribute("to", blankToNull(to));
        model.addAttribute("category", category);
        model.addAttribute("platformPostId", blankToNull(platformPostId));
        model.addAttribute("accounts", accounts.all());
        model.addAttribute("categories", PostCategory.values());
        List<RecordSummary> found = List.of();
        try {
            found = records.search(me, query(text, accountId, from, to, category, platformPostId, PAGE_LIMIT));
        } catch (GatewayException e) {
            errors.show(model, response, "search", e);
        }
        model.addAttribute("records", found);
        return "records";
    }

    @GetMapping("/records/posts/{id}")
    String record(Staff me, @PathVariable UUID id, Model model) {
        model.addAttribute("record", records.record(me, new PostId(id)));
        model.addAttribute("maxReason", RecordHolds.MAX_REASON);
        return "record";
    }

    @PostMapping("/records/posts/{id}/hold")
    String hold(Staff me, @PathVariable UUID id, @RequestParam(required = false) String reason, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        return change(me, id, "hold", reason, model, redirect, response);
    }

    @PostMapping("/records/posts/{id}/release")
    String release(Staff me, @PathVariable UUID id, @RequestParam(required = false) String reason, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        return change(me, id, "release", reason, model, redirect, response);
    }

    /** Places or lifts the hold; a refusal shows on the form of that name. */
    private String change(Staff me, UUID id, String form, @Nullable String reason, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        PostId post = new PostId(id);
        try {
            if (form.equals("hold")) {
                holds.place(me, post, orEmpty(reason));
                redirect.addFlashAttribute("flash", "flash.recordHeld");
            } else {
                holds.lift(me, post, orEmpty(reason));
                redirect.addFlashAttribute("flash", "flash.recordReleased");
            }
            return "redirect:/records/posts/" + id;
        } catch (GatewayException e) {
            errors.show(model, response, form, e);
            model.addAttribute("reason", reason);
            return record(me, id, model);
        }
    }

    @GetMapping("/records/posts/{id}/package.zip")
    void recordPackage(Staff me, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        packages.write(me, new PostId(id), () -> zip(response, "record-" + id + ".zip"));
    }

    @GetMapping("/records/package.zip")
    void rangePackage(Staff me, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long accountId, @RequestParam(required = false) PostCategory category,
            HttpServletResponse response) throws IOException {
        packages.write(me, query(null, accountId, from, to, category, null, RecordQuery.MAX_LIMIT),
                () -> zip(response, "records.zip"));
    }

    private static RecordQuery query(@Nullable String text, @Nullable Long accountId, @Nullable String from,
            @Nullable String to, @Nullable PostCategory category, @Nullable String platformPostId, int limit) {
        Instant start = AuditPagesController.day(from, false);
        Instant end = AuditPagesController.day(to, true);
        return new RecordQuery(blankToNull(text), accountId, start, end, category, blankToNull(platformPostId), limit);
    }

    private static OutputStream zip(HttpServletResponse response, String filename) throws IOException {
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        return response.getOutputStream();
    }
}
