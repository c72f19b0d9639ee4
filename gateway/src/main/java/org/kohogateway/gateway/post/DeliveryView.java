package org.kohogateway.gateway.post;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A row of the send log. */
public record DeliveryView(UUID id, PostId postId, long accountId, DeliveryStatus status, @Nullable Instant dueAt,
        int attempts, @Nullable String platformPostId, @Nullable String lastError, @Nullable Instant sentAt,
        Instant updatedAt, @Nullable String holdReason) {
}
