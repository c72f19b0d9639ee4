package org.kohogateway.gateway.post;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One post on one account. The id doubles as the idempotency key sent to platforms that accept one.
 *
 * @param dueAt      when the dispatcher may claim it; absent while it is not scheduled
 * @param holdReason    why it is HELD (approved after its time, or the rules changed since approval)
 * @param policyVersion the version of the account's policy the approval was given under; absent while not approved
 */
public record Delivery(UUID id, long accountId, DeliveryStatus status, @Nullable Instant dueAt, int attempts,
        @Nullable String platformPostId, @Nullable String lastError, @Nullable Instant sentAt,
        @Nullable String holdReason, @Nullable Integer policyVersion) {

    static Delivery waiting(long accountId) {
        return new Delivery(UUID.randomUUID(), accountId, DeliveryStatus.WAITING, null, 0, null, null, null, null, null);
    }

    Delivery moveTo(DeliveryStatus next, @Nullable Instant due) {
        // back to WAITING means the approval is void, and with it the policy version it was given under
        return new Delivery(id, accountId, next, due, attempts, platformPostId, lastError, sentAt,
                next == DeliveryStatus.HELD ? holdReason : null, next == DeliveryStatus.WAITING ? null : policyVersion);
    }

    Delivery hold(String reason) {
        return new Delivery(id, accountId, DeliveryStatus.HELD, null, attempts, platformPostId, lastError, sentAt, reason,
                policyVersion);
    }

    Delivery underPolicyVersion(int version) {
        return new Delivery(id, accountId, status, dueAt, attempts, platformPostId, lastError, sentAt, holdReason,
                version);
    }
}
