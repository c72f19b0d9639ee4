package org.kohogateway.gateway.post;

import java.util.UUID;

/**
 * Published in the transaction in which a delivery came to need a person: it FAILED, its outcome is UNCERTAIN, or it
 * is HELD for a new time. It is kept with the change; module listeners hear it after commit.
 *
 * @param reason the platform's answer or why it is held
 */
public record DeliveryNeedsAttention(UUID deliveryId, PostId postId, long accountId, DeliveryStatus status,
        String reason) {
}
