package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The gateway finding out what became of deliveries whose sender lost track of them: claims whose lease ran out (the
 * instance died or hung) and UNCERTAIN deliveries looked up on the platform ({@code docs/delivery-guarantees.md}).
 * What a person decides about an UNCERTAIN delivery is {@link UncertainDeliveries}.
 */
@Service
public class Reconciliation {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher publisher;

    Reconciliation(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.publisher = publisher;
    }

    /** An UNCERTAIN delivery with what is needed to look for it on the platform. */
    public record UncertainDelivery(UUID id, long accountId, Platform platform, String text, Instant startedAt,
            boolean lookedUp) {
    }

    /**
     * Uncertain deliveries not looked up yet first, then the longest-waiting; none of a paused account (a pause
     * stops every request to it, look-ups included).
     */
    @Transactional(readOnly = true)
    public List<UncertainDelivery> uncertain(int limit) {
        return jdbc.sql("""
                select d.id, d.account_id, a.platform, p.text,
                       coalesce(d.first_started_at, d.send_started_at, d.updated_at) as started,
                       d.hold_reason is not null as looked_up
                from delivery d join post p on p.id = d.post_id join official_account a on a.id = d.account_id
                join dispatch_gate g on g.account_id = d.account_id
                join dispatch_gate everything on everything.account_id = 0
                where d.status = 'UNCERTAIN' and not (g.paused or everything.paused)
                order by d.hold_reason is not null, d.updated_at
                limit :limit
                """)
                .param("limit", limit)
                .query((rs, n) -> new UncertainDelivery(rs.getObject("id", UUID.class), rs.getLong("account_id"),
                        Platform.valueOf(rs.getString("platform")), rs.getString("text"), Posts.instant(rs, "started"),
                        rs.getBoolean("looked_up")))
                .list();
    }

    /**
     * The platform post ids already recorded for deliveries to this account sent since {@code since}: a look-up for an
     * uncertain delivery must never take one of them for its own.
     */
    @Transactional(readOnly = true)
    public Set<String> recordedPostIds(long accountId, Instant since) {
        return Set.copyOf(jdbc.sql("""
                select platform_post_id from delivery
                where account_id = :account and platform_post_id is not null and sent_at >= :since
                """).param("account", accountId).param("since", timestamp(since)).query(String.class).list());
    }

    /** The platform shows the post: the delivery was sent after all. */
    @Transactional
    public void reconciled(UncertainDelivery d, String platformPostId, Instant now) {
        int rows = jdbc.sql("""
                update delivery set status = 'SENT', platform_post_id = :platformId, sent_at = :now, hold_reason = null,
                    updated_at = :now
                where id = :id and status = 'UNCERTAIN'
                  and not exists (select 1 from delivery o where o.account_id = delivery.account_id
                                  and o.platform_post_id = :platformId)
                """).param("platformId", platformPostId).param("now", timestamp(now)).param("id", d.id()).update();
        if (rows == 1) {
            audit.record(AuditTrail.SYSTEM, "DELIVERY_RECONCILED", "DELIVERY", d.id().toString(), "UNCERTAIN", "SENT",
                    Map.of("platformPostId", platformPostId, "platform", d.platform().name()));
        }
    }

    /** Records what the look-up said (shown to the person who settles the delivery); audited once. */
    @Transactional
    public void lookedUp(UncertainDelivery d, String finding, Instant now) {
        int rows = jdbc.sql("""
                update delivery set hold_reason = :finding, updated_at = :now
                where id = :id and status = 'UNCERTAIN' and hold_reason is distinct from :finding
                """).param("finding", finding).param("now", timestamp(now)).param("id", d.id()).update();
        if (rows == 1) {
            audit.record(AuditTrail.SYSTEM, "DELIVERY_LOOKED_UP", "DELIVERY", d.id().toString(), "UNCERTAIN",
                    "UNCERTAIN", Map.of("finding", finding));
        }
    }

    /**
     * Finds deliveries left SENDING by an instance whose lease ran out (it died or hung). Those whose platform request
     * never started (they had not passed the pause gate) are queued again, safe on every platform; so are those on a
     * platform that de-duplicates by delivery key. Elsewhere the post may exist, so they become UNCERTAIN for
     * reconciliation instead of being sent twice.
     */
    @Transactional
    public int recoverExpiredLeases(Instant now, Set<Platform> deduplicating) {
        List<String> requeue = deduplicating.stream().map(Enum::name).toList();
        List<Map<String, Object>> recovered = jdbc.sql("""
                update delivery d
                set status = case when requeue then 'SCHEDULED' else 'UNCERTAIN' end,
                    due_at = case when requeue then cast(:now as timestamptz) end,
                    -- no platform request was made: the claim does not count as an attempt
                    attempts = case when d.send_started_at is null then greatest(d.attempts - 1, 0) else d.attempts end,
                    -- a request that had started may have been made: requeued, it may already be out until it is SENT
                    outcome_unknown = d.outcome_unknown or d.send_started_at is not null,
                    last_error = 'lease of ' || coalesce(d.claimed_by, '?') || ' expired while '
                        || case when d.send_started_at is null then 'waiting to send; nothing was sent' else 'sending' end,
                    claimed_by = null, claim_token = null, lease_until = null, updated_at = :now
                from (select x.id, (x.send_started_at is null or a.platform in (:requeue)) as requeue
                      from delivery x join official_account a on a.id = x.account_id
                      where x.status = 'SENDING' and x.lease_until < :now
                      for update of x skip locked) r
                where d.id = r.id
                returning d.id, d.post_id, d.account_id, d.status, d.last_error
                """)
                .param("requeue", requeue.isEmpty() ? List.of("-") : requeue)
                .param("now", timestamp(now))
                .query((rs, n) -> Map.<String, Object>of("id", rs.getString("id"), "status", rs.getString("status"),
                        "error", rs.getString("last_error"), "post", rs.getObject("post_id", UUID.class),
                        "account", rs.getLong("account_id")))
                .list();
        for (Map<String, Object> r : recovered) {
            audit.record(AuditTrail.SYSTEM, "DELIVERY_LEASE_EXPIRED", "DELIVERY", (String) r.get("id"), "SENDING",
                    (String) r.get("status"), Map.of("error", r.get("error")));
            if (DeliveryStatus.UNCERTAIN.name().equals(r.get("status"))) {
                publisher.publishEvent(new DeliveryNeedsAttention(UUID.fromString((String) r.get("id")),
                        new PostId((UUID) r.get("post")), (Long) r.get("account"), DeliveryStatus.UNCERTAIN,
                        (String) r.get("error")));
            }
        }
        return recovered.size();
    }
}
