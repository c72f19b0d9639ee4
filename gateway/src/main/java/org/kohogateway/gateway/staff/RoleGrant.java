package org.kohogateway.gateway.staff;

import java.time.Instant;

/** A request to give {@code role} to a member of staff, waiting for or decided by a second person. */
public record RoleGrant(long id, long staffId, String username, Role role, String requestedBy, Instant requestedAt,
        Status status, String decidedBy, Instant decidedAt) {

    public enum Status {
        PENDING, CONFIRMED, REFUSED
    }
}
