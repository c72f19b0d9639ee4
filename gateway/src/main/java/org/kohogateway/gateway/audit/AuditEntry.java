package org.kohogateway.gateway.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail. {@code detail} is a JSON object (route, comment, platform id, error…). {@code hash}
 * is its link in the hash chain, absent until the sealer has linked it ({@link AuditSealer}) — shortly after commit.
 */
public record AuditEntry(long id, long seq, Instant occurredAt, String actor, String action, String subjectType,
        String subjectId, @Nullable String beforeState, @Nullable String afterState, String detail,
        @Nullable String hash) {
}
