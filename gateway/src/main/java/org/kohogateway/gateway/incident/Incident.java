package org.kohogateway.gateway.incident;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.incident.IncidentKind.ResponseStep;

/**
 * A recorded trouble and its checklist.
 *
 * @param accountId the official account concerned, or null (e.g. a fake account impersonating the city in general)
 */
public record Incident(long id, IncidentKind kind, @Nullable Long accountId, String summary, String status,
        String reportedBy, Instant reportedAt, List<Step> steps, @Nullable String closedBy,
        @Nullable Instant closedAt) {

    /** One response step: done (by whom, when, with a note) or still open. */
    public record Step(ResponseStep step, boolean done, @Nullable String doneBy, @Nullable Instant doneAt,
            @Nullable String note) {
    }
}
