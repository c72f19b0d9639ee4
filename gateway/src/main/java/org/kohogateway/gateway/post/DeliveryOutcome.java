package org.kohogateway.gateway.post;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PublishOutcome.AccountTrouble;

/**
 * How the attempt of a claimed delivery ended, to be recorded with {@link Deliveries#record}.
 *
 * @param next   SENT, FAILED, UNCERTAIN, or SCHEDULED again for a retry at {@code dueAt}
 * @param detail the audit entry's detail beyond instance, attempt and platform
 * @param trouble what the platform's answer said about the account itself (suspended, quota used up…), kept on the
 *                delivery so that the channel's state can be told ({@code dispatch.ChannelStates}); null when nothing
 */
public record DeliveryOutcome(ClaimedDelivery delivery, DeliveryStatus next, @Nullable Instant dueAt,
        @Nullable String platformPostId, @Nullable String error, String action, Map<String, Object> detail,
        @Nullable AccountTrouble trouble) {

    /** The same outcome, saying what it tells of the account. */
    public DeliveryOutcome because(AccountTrouble accountTrouble) {
        Map<String, Object> withTrouble = new LinkedHashMap<>(detail);
        withTrouble.put("accountTrouble", accountTrouble.name());
        return new DeliveryOutcome(delivery, next, dueAt, platformPostId, error, action, withTrouble, accountTrouble);
    }

    public static DeliveryOutcome sent(ClaimedDelivery d, String platformPostId) {
        return new DeliveryOutcome(d, DeliveryStatus.SENT, null, platformPostId, null, "DELIVERY_SENT",
                detail("platformPostId", platformPostId), null);
    }

    /** A drill's delivery went to the staff's test recipients only. */
    public static DeliveryOutcome drillSent(ClaimedDelivery d, String requestIds) {
        Map<String, Object> detail = detail("requestIds", requestIds);
        detail.put("to", "LINE test recipients (gateway.platforms.line.preview-recipients)");
        return new DeliveryOutcome(d, DeliveryStatus.DRILL_SENT, null, null, null, "DELIVERY_DRILL_SENT", detail, null);
    }

    /** A drill's delivery was not sent at all: nowhere to send it but the public account. */
    public static DeliveryOutcome drillSkipped(ClaimedDelivery d, String reason) {
        return new DeliveryOutcome(d, DeliveryStatus.DRILL_SKIPPED, null, null, reason, "DELIVERY_DRILL_SKIPPED",
                detail("reason", reason), null);
    }

    public static DeliveryOutcome failed(ClaimedDelivery d, String error) {
        return new DeliveryOutcome(d, DeliveryStatus.FAILED, null, null, error, "DELIVERY_FAILED", detail("error", error),
                null);
    }

    public static DeliveryOutcome uncertain(ClaimedDelivery d, String error) {
        return new DeliveryOutcome(d, DeliveryStatus.UNCERTAIN, null, null, error, "DELIVERY_UNCERTAIN",
                detail("error", error), null);
    }

    public static DeliveryOutcome retryLater(ClaimedDelivery d, Instant retryAt, String error) {
        Map<String, Object> detail = detail("error", error);
        detail.put("retryAt", retryAt.toString());
        return new DeliveryOutcome(d, DeliveryStatus.SCHEDULED, retryAt, null, error, "DELIVERY_RETRY_SCHEDULED", detail,
                null);
    }

    /**
     * A retry of an attempt whose answer was lost, on a platform that de-duplicates by the delivery's key: safe to
     * send again, but until it is SENT the delivery may already be out.
     */
    public static DeliveryOutcome retryAfterUnknown(ClaimedDelivery d, Instant retryAt, String error) {
        DeliveryOutcome retry = retryLater(d, retryAt, error);
        retry.detail().put("outcomeUnknown", true);
        return retry;
    }

    boolean outcomeUnknown() {
        return Boolean.TRUE.equals(detail.get("outcomeUnknown"));
    }

    private static Map<String, Object> detail(String key, Object value) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(key, value);
        return detail;
    }
}
