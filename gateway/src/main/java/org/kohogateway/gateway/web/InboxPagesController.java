package org.kohogateway.gateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostReview;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approver's inbox (所属長 §6-①, and the PR department for accounts whose policy waives department approval
 * §6-②): the exact content and targets, the rules' findings with a checkbox for each one that needs acknowledgement
 * and the links that do not answer ({@link PostReview}), approve or reject with a comment.
 */
@Controller
class InboxPagesController {

    /** One post waiting for my decision, with what the approver must see. */
    record Item(Post post, Staff author, List<OfficialAccount> targets, List<FindingLines.Line> findings) {
    }

    private final PostWorkflow workflow;
    private final OfficialAccounts accounts;
    private final StaffDirectory staff;
    private final FindingLines lines;
    private final PostReview review;

    InboxPagesController(PostWorkflow workflow, OfficialAccounts accounts, StaffDirectory staff, FindingLines lines,
            PostReview review) {
        this.workflow = workflow;
        this.review = review;
        this.accounts = accounts;
        this.staff = staff;
        this.lines = lines;
    }

    @GetMapping("/inbox")
    String inbox(Staff me, Model model) {
        Map<Long, String> names = names();
        List<Post> posts = workflow.inbox(me.username(), Readers.of(me));
        List<List<Finding>> findings = review.findings(posts);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            Post p = posts.get(i);
            items.add(new Item(p, staff.byId(p.authorId()), p.accountIds().stream().map(accounts::get).toList(),
                    lines.of(findings.get(i), p.content().text(), names)));
        }
        model.addAttribute("items", items);
        return "inbox";
    }

    @PostMapping("/posts/{id}/approve")
    String approve(Staff me, @PathVariable UUID id, @RequestParam(required = false) String comment,
            @RequestParam(required = false) List<String> acknowledge, @RequestParam String contentHash,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.approved", id, () -> workflow.approve(me.username(), new PostId(id),
                comment, acknowledge == null ? Set.of() : Set.copyOf(acknowledge), contentHash));
    }

    @PostMapping("/posts/{id}/reject")
    String reject(Staff me, @PathVariable UUID id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.rejected", id, () -> workflow.reject(me.username(), new PostId(id),
                comment));
    }

    private String decide(RedirectAttributes redirect, String successCode, UUID id, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", successCode);
        } catch (GatewayException e) {
            String text = null;
            try {
                text = workflow.get(new PostId(id)).content().text();
            } catch (GatewayException notFound) {
                // the refusal says so
            }
            lines.flash(redirect, e, text, names());
            redirect.addFlashAttribute("errorPost", id.toString());
        }
        return "redirect:/inbox";
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new java.util.LinkedHashMap<>();
        accounts.all().forEach(a -> names.put(a.id(), a.name()));
        return names;
    }
}
