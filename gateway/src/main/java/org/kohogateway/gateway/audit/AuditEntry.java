package org.kohogateway.gateway.audit;

import java.time.Instant;

/**
 * One line of the audit trail. {@code detail} is a JSON object (route, comment, platform id, error…). {@code hash}
 * is its link in the hash chain, null until the sealer has linked it ({@link AuditSealer}) — shortly after commit.
 */
public record AuditEntry(long id, long seq, Instant occurredAt, String actor, String action, String subjectType,
        String subjectId, String beforeState, String afterState, String detail, String hash) {
}
