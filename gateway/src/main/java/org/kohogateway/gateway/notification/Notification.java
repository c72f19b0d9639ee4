package org.kohogateway.gateway.notification;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One claimed outbox row: a message to one receiver.
 *
 * @param username the person it is for (e-mail), null for a webhook
 * @param body     the event as the JSON document webhooks receive
 * @param attempt  this attempt's number, from 1
 */
record Notification(UUID id, UUID eventId, NotificationKind kind, Channel channel, @Nullable String username,
        @Nullable String email, @Nullable Long webhookId, String body, int attempt) {

    enum Channel {
        EMAIL, WEBHOOK
    }

    /** Who it is for, as the audit trail names it: never an address or a secret. */
    String receiver() {
        return channel == Channel.EMAIL ? "staff:" + username : "webhook:" + webhookId;
    }
}
