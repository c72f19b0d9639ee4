package org.kohogateway.gateway.audit;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.InvalidRequestException;

/** Filters for reading the trail. */
public record AuditQuery(@Nullable String subjectType, @Nullable String subjectId, @Nullable String actor, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("audit.limit", "limit must be 1.." + MAX_LIMIT, MAX_LIMIT);
        }
    }

    public static AuditQuery forSubject(String subjectType, String subjectId) {
        return new AuditQuery(subjectType, subjectId, null, MAX_LIMIT);
    }
}
