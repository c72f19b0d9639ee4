package org.kohogateway.gateway.audit;

import java.time.Instant;

/** One line of the audit trail. {@code detail} is a JSON object (route, comment, platform id, error…). */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String subjectType, String subjectId,
        String beforeState, String afterState, String detail) {
}
