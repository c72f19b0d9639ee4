package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.DeliveryStatus.NOT_STARTED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.IllegalTransitionException;

/**
 * A post's deliveries, one per target account, as the post's transitions move them: scheduled or held at approval,
 * back to waiting when an edit voids it, cancelled with the post or with a closed account. Each move is recorded as a
 * {@link PostEvent} of the post, and a delivery that comes to need a person is announced with it.
 */
final class DeliveryPlan {

    private final PostId postId;
    private final List<Delivery> deliveries;
    /** Delivery states as loaded, so saving can refuse to overwrite a concurrent change by the dispatcher. */
    private final Map<UUID, DeliveryStatus> loaded = new LinkedHashMap<>();
    private final List<PostEvent> events;
    private final List<Object> announcements;

    DeliveryPlan(PostId postId, List<Delivery> deliveries, List<PostEvent> events, List<Object> announcements) {
        this.postId = postId;
        this.deliveries = new ArrayList<>(deliveries);
        deliveries.forEach(d -> loaded.put(d.id(), d.status()));
        this.events = events;
        this.announcements = announcements;
    }

    /** At approval: due at the post's time (or now), or held for a new time if that time has already passed. */
    void schedule(@Nullable Instant scheduledAt, Instant now) {
        boolean late = scheduledAt != null && scheduledAt.isBefore(now);
        DeliveryStatus next = late ? DeliveryStatus.HELD : DeliveryStatus.SCHEDULED;
        Instant due = late ? null : (scheduledAt == null ? now : scheduledAt);
        String reason = late ? "approved after its scheduled time " + scheduledAt + "; needs a new time" : null;
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            if (d.status() == DeliveryStatus.CANCELLED) {
                continue;
            }
            deliveries.set(i, late ? d.hold(reason) : d.moveTo(next, due));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("accountId", d.accountId());
            if (d.policyVersion() != null) {
                detail.put("policyVersion", d.policyVersion());
            }
            if (due != null) {
                detail.put("dueAt", due.toString());
            } else {
                detail.put("reason", reason);
            }
            event(late ? "DELIVERY_HELD" : "DELIVERY_SCHEDULED", d, next, detail);
            if (late) {
                announcements.add(new DeliveryNeedsAttention(d.id(), postId, d.accountId(), DeliveryStatus.HELD,
                        reason));
            }
        }
    }

    /** The approval was voided: every delivery not cancelled waits for the next one. */
    void unschedule() {
        moveAll(DeliveryStatus.WAITING, "DELIVERY_UNSCHEDULED", "approval voided");
    }

    void cancelAll(String reason) {
        moveAll(DeliveryStatus.CANCELLED, "DELIVERY_CANCELLED", reason);
    }

    /**
     * The account closed (guideline §5 廃止): its deliveries that have not started are cancelled with the reason.
     *
     * @return whether any was
     */
    boolean cancelForClosedAccount(long accountId, String reason) {
        boolean changed = false;
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            if (d.accountId() == accountId && NOT_STARTED.contains(d.status())) {
                deliveries.set(i, d.moveTo(DeliveryStatus.CANCELLED, null));
                event("DELIVERY_CANCELLED", d, DeliveryStatus.CANCELLED,
                        Map.of("reason", reason, "accountId", accountId, "cause", "ACCOUNT_CLOSED"));
                changed = true;
            }
        }
        return changed;
    }

    /** Binds the deliveries still to be approved (or re-confirmed) to the policy version each account has now. */
    void bindPolicyVersions(Map<Long, Integer> versions) {
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            Integer version = versions.get(d.accountId());
            if (version != null && (d.status() == DeliveryStatus.WAITING || d.status() == DeliveryStatus.HELD)) {
                deliveries.set(i, d.underPolicyVersion(version));
            }
        }
    }

    boolean anyHeld() {
        return deliveries.stream().anyMatch(d -> d.status() == DeliveryStatus.HELD);
    }

    /** Held deliveries are due at {@code newTime}. */
    void rescheduleHeld(Instant newTime) {
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            if (d.status() == DeliveryStatus.HELD) {
                deliveries.set(i, d.moveTo(DeliveryStatus.SCHEDULED, newTime));
                event("DELIVERY_RESCHEDULED", d, DeliveryStatus.SCHEDULED, Map.of("dueAt", newTime.toString()));
            }
        }
    }

    /** None has gone to its platform yet; one cancelled because its account closed does not stop the rest. */
    boolean nothingStarted() {
        return deliveries.stream().allMatch(d -> NOT_STARTED.contains(d.status())
                || d.status() == DeliveryStatus.CANCELLED);
    }

    void requireNothingStarted(String action) {
        for (Delivery d : deliveries) {
            if (!NOT_STARTED.contains(d.status()) && d.status() != DeliveryStatus.CANCELLED) {
                throw new IllegalTransitionException("post.deliveryStarted",
                        "cannot " + action + ": delivery " + d.id() + " is " + d.status(), action, d.status());
            }
        }
    }

    /** It is on the platform, or was and has been deleted there. */
    boolean wentOut() {
        return deliveries.stream().anyMatch(d -> d.status() == DeliveryStatus.SENT
                || d.status() == DeliveryStatus.DELETED);
    }

    List<Long> accountIds() {
        return deliveries.stream().map(Delivery::accountId).toList();
    }

    List<Delivery> all() {
        return Collections.unmodifiableList(deliveries);
    }

    DeliveryStatus loadedStatus(Delivery delivery) {
        return loaded.get(delivery.id());
    }

    private void moveAll(DeliveryStatus next, String action, String reason) {
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            if (d.status() == DeliveryStatus.CANCELLED) {
                continue;
            }
            deliveries.set(i, d.moveTo(next, null));
            event(action, d, next, Map.of("reason", reason));
        }
    }

    private void event(String action, Delivery before, DeliveryStatus after, Map<String, ?> detail) {
        events.add(new PostEvent(action, "DELIVERY", before.id().toString(), before.status().name(), after.name(),
                detail));
    }
}
