package org.kohogateway.gateway.policy;

import java.time.Instant;

/**
 * A request to weaken one of the rules' lists (four eyes): {@code adding} the value to an allow list or removing it
 * from a block list, waiting until a second person confirms or refuses it.
 */
public record PolicyListChange(long id, ListName list, boolean adding, String value, String reason,
        String requestedBy, Instant requestedAt, Status status, String decidedBy, Instant decidedAt) {

    public enum Status {
        PENDING, CONFIRMED, REFUSED
    }

    /** {@code ADD} or {@code REMOVE}, as stored and as the API shows it. */
    public String operation() {
        return adding ? "ADD" : "REMOVE";
    }
}
