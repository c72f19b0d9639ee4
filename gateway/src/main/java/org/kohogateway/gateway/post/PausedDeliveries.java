package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a pause and its resume do to deliveries (guideline §7-②): hold the overdue ones for a new time, let an
 * emergency post through by an override, and end the overrides at the resume. The pause itself is the crisis
 * module's; null account means everything.
 */
@Service
public class PausedDeliveries {

    private final JdbcClient jdbc;
    private final SendLog sendLog;
    private final AuditTrail audit;
    private final ApplicationEventPublisher publisher;

    PausedDeliveries(JdbcClient jdbc, SendLog sendLog, AuditTrail audit, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.sendLog = sendLog;
        this.audit = audit;
        this.publisher = publisher;
    }

    /**
     * After a pause: deliveries whose time passed while paused are held for a new time instead of going out all at
     * once (docs/guideline.md, "Crisis: pause and resume"). Null account: every account.
     */
    @Transactional
    public List<DeliveryView> holdOverdue(@Nullable Long accountId, Instant now, String reason, String actor) {
        // one whose earlier attempt's answer was lost may already be out: UNCERTAIN, for a person to look
        List<UUID> held = jdbc.sql("""
                update delivery d set status = case when outcome_unknown then 'UNCERTAIN' else 'HELD' end,
                    due_at = null,
                    hold_reason = case when outcome_unknown then null else cast(:reason as text) end,
                    last_error = case when outcome_unknown then :reason || :maybeOut else last_error end,
                    updated_at = :now
                where d.status = 'SCHEDULED' and d.due_at < :now and not d.pause_override
                  and (cast(:account as bigint) is null or d.account_id = :account)
                returning d.id
                """)
                .param("reason", reason)
                .param("maybeOut", Deliveries.MAYBE_OUT)
                .param("now", timestamp(now))
                .param("account", accountId)
                .query(UUID.class)
                .list();
        List<DeliveryView> views = sendLog.byIds(held);
        for (DeliveryView d : views) {
            String shown = d.status() == DeliveryStatus.UNCERTAIN ? reason + Deliveries.MAYBE_OUT : reason;
            audit.record(actor, "DELIVERY_HELD_AFTER_PAUSE", "DELIVERY", d.id().toString(), "SCHEDULED",
                    d.status().name(), Map.of("reason", shown));
            publisher.publishEvent(new DeliveryNeedsAttention(d.id(), d.postId(), d.accountId(), d.status(), shown));
        }
        return views;
    }

    /**
     * An admin's emergency override: the post's deliveries that have not gone out may go out although paused; held
     * ones are due at once. It is bound to the post's current approval; {@link #clearOverrides} ends it at a resume.
     */
    @Transactional
    public List<DeliveryView> overridePause(PostId post, Instant now, String reason, String actor) {
        List<UUID> ids = jdbc.sql("""
                update delivery d set pause_override = true, override_decided_at = p.decided_at,
                    status = 'SCHEDULED',
                    due_at = case when d.status = 'HELD' then cast(:now as timestamptz) else d.due_at end,
                    hold_reason = null, updated_at = :now
                from post p
                where p.id = d.post_id and d.post_id = :post and d.status in ('SCHEDULED', 'HELD')
                returning d.id
                """)
                .param("now", timestamp(now))
                .param("post", post.value())
                .query(UUID.class)
                .list();
        for (UUID id : ids) {
            audit.record(actor, "DELIVERY_PAUSE_OVERRIDDEN", "DELIVERY", id.toString(), null, "SCHEDULED",
                    Map.of("reason", reason, "post", post.toString()));
        }
        return sendLog.byIds(ids);
    }

    /**
     * Ends the emergency overrides given during a pause that is being lifted (null account: everything), so that a
     * later pause is not pre-empted by an override given for this one.
     */
    @Transactional
    public int clearOverrides(@Nullable Long accountId) {
        return jdbc.sql("""
                update delivery set pause_override = false, override_decided_at = null
                where pause_override and status in ('SCHEDULED', 'HELD', 'SENDING')
                  and (cast(:account as bigint) is null or account_id = :account)
                """).param("account", accountId).update();
    }
}
