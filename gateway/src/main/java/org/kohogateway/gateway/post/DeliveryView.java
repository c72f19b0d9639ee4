package org.kohogateway.gateway.post;

import java.time.Instant;
import java.util.UUID;

/** A row of the send log. */
public record DeliveryView(UUID id, PostId postId, long accountId, DeliveryStatus status, Instant dueAt,
        int attempts, String platformPostId, String lastError, Instant sentAt, Instant updatedAt,
        String holdReason) {
}
