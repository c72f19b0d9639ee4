package org.kohogateway.gateway.post;

import java.util.EnumSet;
import java.util.Set;

/** Where one post stands on one account. */
public enum DeliveryStatus {
    /** The post is not approved (yet). */
    WAITING,
    /** Approved and queued for its time. */
    SCHEDULED,
    /** Approved, but its time passed before it could go out: it waits for a new time, it is never sent late silently. */
    HELD,
    /** Claimed by a dispatcher; a platform request may be under way. */
    SENDING,
    SENT,
    FAILED,
    /** A send whose outcome is unknown on a platform without idempotency: to be reconciled, never re-sent blindly. */
    UNCERTAIN,
    CANCELLED,
    /** Sent, then deleted on the platform (a correction, guideline §7-①). */
    DELETED,
    /** A drill's delivery, sent only to the staff's test recipients (LINE preview devices), never to the public. */
    DRILL_SENT,
    /** A drill's delivery not sent at all: its platform has no test recipients, and a drill never goes public. */
    DRILL_SKIPPED;

    /** States from which the delivery has not yet reached the platform and can still be stopped or voided. */
    public static final Set<DeliveryStatus> NOT_STARTED = EnumSet.of(WAITING, SCHEDULED, HELD);
}
