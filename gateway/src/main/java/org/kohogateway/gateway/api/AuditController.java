package org.kohogateway.gateway.api;

import java.util.List;

import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "audit")
class AuditController {

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    @Operation(summary = "Read the audit trail (auditors and admins), newest first")
    List<AuditEntry> find(@RequestParam(required = false) String subjectType,
            @RequestParam(required = false) String subjectId, @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "200") int limit) {
        return audit.find(new AuditQuery(subjectType, subjectId, actor, limit));
    }
}
