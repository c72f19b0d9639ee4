package org.kohogateway.gateway.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditAnchor;
import org.kohogateway.gateway.audit.AuditAnchors;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.audit.ChainVerification;
import org.kohogateway.gateway.audit.CsvExport;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "audit")
class AuditController {

    private final AuditTrail audit;
    private final CsvExport export;
    private final AuditAnchors anchors;

    AuditController(AuditTrail audit, CsvExport export, AuditAnchors anchors) {
        this.audit = audit;
        this.export = export;
        this.anchors = anchors;
    }

    @GetMapping("/api/audit/anchors")
    @Operation(summary = "The anchors of the hash chain, oldest first: signed heads sent to the auditors")
    List<AuditAnchor> anchors() {
        return anchors.list();
    }

    @PostMapping("/api/audit/anchors")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Anchor the chain's verified head now: signed, kept and sent to the auditors (409 when the "
            + "chain does not verify or no key is configured)")
    AuditAnchor anchor() {
        return anchors.anchorNow();
    }

    @GetMapping("/api/audit/verify")
    @Operation(summary = "Check the hash chain of the whole audit trail; names the first entry that was tampered with")
    ChainVerification verify() {
        return audit.verify();
    }

    @GetMapping("/api/audit/export.csv")
    @Operation(summary = "The audit trail as CSV (UTF-8 with BOM, Japan time), streamed; from/to are ISO 8601 instants")
    void exportAudit(@RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) String actor,
            HttpServletResponse response) throws IOException {
        export.auditTrail(instant(from), instant(to), actor, () -> csv(response, "audit-trail.csv"));
    }

    @GetMapping("/api/audit/send-log.csv")
    @Operation(summary = "The send log as CSV (UTF-8 with BOM); actor matches the author or the approver")
    void exportSendLog(@RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) String actor,
            HttpServletResponse response) throws IOException {
        export.sendLog(instant(from), instant(to), actor, () -> csv(response, "send-log.csv"));
    }

    /** Makes the response a CSV download; called only once the export has its connection. */
    private static OutputStream csv(HttpServletResponse response, String filename) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        return response.getOutputStream();
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    @GetMapping("/api/audit")
    @Operation(summary = "Read the audit trail (auditors and admins), newest first")
    List<AuditEntry> find(@RequestParam(required = false) String subjectType,
            @RequestParam(required = false) String subjectId, @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "200") int limit) {
        return audit.find(new AuditQuery(subjectType, subjectId, actor, limit));
    }
}
