package org.kohogateway.gateway.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as admins see it in the outbox: never the address or the body.
 *
 * @param channel  EMAIL or WEBHOOK
 * @param receiver {@code staff:<username>} or {@code webhook:<id>}
 * @param status   PENDING, SENDING, SENT or FAILED
 */
public record OutboxEntry(UUID id, UUID eventId, NotificationKind kind, String channel, String receiver, String status,
        int attempts, String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
}
