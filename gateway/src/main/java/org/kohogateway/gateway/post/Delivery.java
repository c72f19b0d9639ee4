package org.kohogateway.gateway.post;

import java.time.Instant;
import java.util.UUID;

/**
 * One post on one account. The id doubles as the idempotency key sent to platforms that accept one.
 *
 * @param dueAt when the dispatcher may claim it; null while it is not scheduled
 */
public record Delivery(UUID id, long accountId, DeliveryStatus status, Instant dueAt, int attempts,
        String platformPostId, String lastError, Instant sentAt) {

    static Delivery waiting(long accountId) {
        return new Delivery(UUID.randomUUID(), accountId, DeliveryStatus.WAITING, null, 0, null, null, null);
    }

    Delivery moveTo(DeliveryStatus next, Instant due) {
        return new Delivery(id, accountId, next, due, attempts, platformPostId, lastError, sentAt);
    }
}
