package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.blankToNull;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.audit.CsvExport;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The auditor's pages: the trail with filters, the hash-chain check, and CSV downloads. The downloads live here, on
 * the session (form login) chain, rather than under {@code /api/**}, which is stateless HTTP Basic and deliberately
 * takes no cookies: a read-only GET needs no CSRF token, and the API stays free of cookie-borne authentication.
 */
@Controller
class AuditPagesController {

    private static final int PAGE_LIMIT = 200;

    private final AuditTrail audit;
    private final CsvExport export;

    AuditPagesController(AuditTrail audit, CsvExport export) {
        this.audit = audit;
        this.export = export;
    }

    @GetMapping("/audit")
    String trail(@RequestParam(required = false) String actor, @RequestParam(required = false) String subjectType,
            @RequestParam(required = false) String subjectId, @RequestParam(defaultValue = "false") boolean verify,
            Model model) {
        model.addAttribute("actor", blankToNull(actor));
        model.addAttribute("subjectType", blankToNull(subjectType));
        model.addAttribute("subjectId", blankToNull(subjectId));
        model.addAttribute("entries", audit.find(new AuditQuery(blankToNull(subjectType), blankToNull(subjectId),
                blankToNull(actor), PAGE_LIMIT)));
        model.addAttribute("subjectTypes", new String[] {"POST", "DELIVERY", "ACCOUNT", "PAUSE", "INCIDENT",
                "POLICY_LIST", "STAFF", "DEPARTMENT"});
        if (verify) {
            model.addAttribute("verification", audit.verify());
        }
        return "audit";
    }

    @GetMapping("/audit/export.csv")
    void exportAudit(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor, HttpServletResponse response) throws IOException {
        Instant start = day(from, false);
        Instant end = day(to, true);
        export.auditTrail(start, end, blankToNull(actor), () -> csv(response, "audit-trail.csv"));
    }

    @GetMapping("/audit/send-log.csv")
    void exportSendLog(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor, HttpServletResponse response) throws IOException {
        Instant start = day(from, false);
        Instant end = day(to, true);
        export.sendLog(start, end, blankToNull(actor), () -> csv(response, "send-log.csv"));
    }

    /** A day typed in the form, city time: its start, or for the end of a range the start of the next day. */
    static @Nullable Instant day(@Nullable String value, boolean endOfRange) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            return (endOfRange ? day.plusDays(1) : day).atStartOfDay(PagesController.CITY_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("page.badDate", "not a date: " + value, value);
        }
    }

    /** Makes the response a CSV download; called only once the export has its connection. */
    private static OutputStream csv(HttpServletResponse response, String filename) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        return response.getOutputStream();
    }
}
