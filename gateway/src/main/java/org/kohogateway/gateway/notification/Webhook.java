package org.kohogateway.gateway.notification;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A registered webhook as the API shows it; its secret is write-only and appears nowhere.
 *
 * @param departmentId null: events of every department
 */
public record Webhook(long id, String name, String url, Set<NotificationKind> kinds, @Nullable Long departmentId,
        boolean enabled, String createdBy, Instant createdAt, Instant updatedAt) {
}
