package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox side of deliveries: claiming due ones and recording what the platform said. Each call is its
 * own short transaction; platform calls happen between them, never inside.
 */
@Service
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    Deliveries(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Claims up to {@code limit} deliveries due at {@code now}. Only deliveries of approved posts whose content
     * still matches the approval, on active accounts, qualify. Rows another instance holds are skipped, not
     * waited for, so instances never claim the same delivery.
     */
    @Transactional
    public List<ClaimedDelivery> claim(Instant now, int limit, String instance, Duration lease) {
        List<ClaimedDelivery> claimed = jdbc.sql("""
                with due as (
                    select d.id from delivery d
                    join post p on p.id = d.post_id
                    join official_account a on a.id = d.account_id
                    where d.status = 'SCHEDULED' and d.due_at <= :now
                      and p.status = 'APPROVED' and p.approved_hash = p.content_hash
                      and a.status in (:inService)
                    order by d.due_at
                    limit :limit
                    for update of d skip locked
                ), claimed as (
                    update delivery d set status = 'SENDING', attempts = d.attempts + 1, claimed_by = :instance,
                        lease_until = :leaseUntil, updated_at = :now
                    from due where d.id = due.id
                    returning d.id, d.post_id, d.account_id, d.attempts
                )
                select c.id, c.post_id, c.account_id, c.attempts, a.platform, a.reply_policy, p.text, p.links,
                       p.media_urls, p.reply_to, p.quote_of, p.category, p.acknowledged
                from claimed c join post p on p.id = c.post_id join official_account a on a.id = c.account_id
                """)
                .param("now", timestamp(now))
                .param("inService", AccountStatus.IN_SERVICE.stream().map(Enum::name).toList())
                .param("limit", limit)
                .param("instance", instance)
                .param("leaseUntil", timestamp(now.plus(lease)))
                .query((rs, n) -> new ClaimedDelivery(rs.getObject("id", UUID.class),
                        new PostId(rs.getObject("post_id", UUID.class)), rs.getLong("account_id"),
                        Platform.valueOf(rs.getString("platform")), ReplyPolicy.valueOf(rs.getString("reply_policy")),
                        new PostContent(rs.getString("text"), Posts.uris(rs.getArray("links")),
                                PostCategory.valueOf(rs.getString("category")), Posts.uris(rs.getArray("media_urls")),
                                rs.getString("reply_to"), rs.getString("quote_of")),
                        Set.copyOf(Arrays.asList((String[]) rs.getArray("acknowledged").getArray())),
                        rs.getInt("attempts")))
                .list();
        for (ClaimedDelivery d : claimed) {
            audit.record(AuditTrail.SYSTEM, "DELIVERY_CLAIMED", "DELIVERY", d.id().toString(), "SCHEDULED", "SENDING",
                    Map.of("instance", instance, "attempt", d.attempt(), "accountId", d.accountId()));
        }
        return claimed;
    }

    @Transactional
    public void sent(ClaimedDelivery d, String instance, String platformPostId, Instant now) {
        finish(d, instance, DeliveryStatus.SENT, now, null, platformPostId, "DELIVERY_SENT",
                detail("platformPostId", platformPostId));
    }

    @Transactional
    public void retryLater(ClaimedDelivery d, String instance, Instant retryAt, String error, Instant now) {
        Map<String, Object> detail = detail("error", error);
        detail.put("retryAt", retryAt.toString());
        finish(d, instance, DeliveryStatus.SCHEDULED, now, retryAt, null, "DELIVERY_RETRY_SCHEDULED", detail);
    }

    /**
     * Holds a claimed delivery instead of sending it: the rules found something the approval did not cover (a list
     * changed, the policy changed). It waits for someone who may approve to give it a new time.
     */
    @Transactional
    public void hold(ClaimedDelivery d, String instance, String reason, Instant now) {
        int rows = jdbc.sql("""
                update delivery set status = 'HELD', due_at = null, hold_reason = :reason, claimed_by = null,
                    lease_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :instance
                """)
                .param("reason", reason)
                .param("now", timestamp(now))
                .param("id", d.id())
                .param("instance", instance)
                .update();
        if (rows == 1) {
            audit.record(AuditTrail.SYSTEM, "DELIVERY_HELD_BY_RULES", "DELIVERY", d.id().toString(), "SENDING", "HELD",
                    Map.of("reason", reason, "instance", instance));
        }
    }

    @Transactional
    public void failed(ClaimedDelivery d, String instance, String error, Instant now) {
        finish(d, instance, DeliveryStatus.FAILED, now, null, null, "DELIVERY_FAILED", detail("error", error));
    }

    @Transactional
    public void uncertain(ClaimedDelivery d, String instance, String error, Instant now) {
        finish(d, instance, DeliveryStatus.UNCERTAIN, now, null, null, "DELIVERY_UNCERTAIN", detail("error", error));
    }

    /**
     * Finds deliveries left SENDING by an instance whose lease ran out (it died or hung). Where the platform
     * de-duplicates by delivery key they are queued again; elsewhere the post may exist, so they become
     * UNCERTAIN for reconciliation instead of being sent twice.
     */
    @Transactional
    public int recoverExpiredLeases(Instant now, Set<Platform> deduplicating) {
        List<String> requeue = deduplicating.stream().map(Enum::name).toList();
        List<Map<String, Object>> recovered = jdbc.sql("""
                update delivery d
                set status = case when a.platform in (:requeue) then 'SCHEDULED' else 'UNCERTAIN' end,
                    due_at = case when a.platform in (:requeue) then cast(:now as timestamptz) end,
                    last_error = 'lease of ' || coalesce(d.claimed_by, '?') || ' expired while sending',
                    claimed_by = null, lease_until = null, updated_at = :now
                from official_account a
                where a.id = d.account_id and d.status = 'SENDING' and d.lease_until < :now
                returning d.id, d.status, d.last_error
                """)
                .param("requeue", requeue.isEmpty() ? List.of("-") : requeue)
                .param("now", timestamp(now))
                .query((rs, n) -> Map.<String, Object>of("id", rs.getString("id"), "status", rs.getString("status"),
                        "error", rs.getString("last_error")))
                .list();
        for (Map<String, Object> r : recovered) {
            audit.record(AuditTrail.SYSTEM, "DELIVERY_LEASE_EXPIRED", "DELIVERY", (String) r.get("id"), "SENDING",
                    (String) r.get("status"), Map.of("error", r.get("error")));
        }
        return recovered.size();
    }

    private void finish(ClaimedDelivery d, String instance, DeliveryStatus next, Instant now, Instant dueAt,
            String platformPostId, String action, Map<String, Object> detail) {
        int rows = jdbc.sql("""
                update delivery set status = :status, due_at = :due, platform_post_id = coalesce(:platformId, platform_post_id),
                    last_error = :error, sent_at = case when cast(:status as text) = 'SENT' then cast(:now as timestamptz) else sent_at end,
                    claimed_by = null, lease_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claimed_by = :instance
                """)
                .param("status", next.name())
                .param("due", timestamp(dueAt))
                .param("platformId", platformPostId)
                .param("error", detail.get("error"))
                .param("now", timestamp(now))
                .param("id", d.id())
                .param("instance", instance)
                .update();
        detail.put("instance", instance);
        detail.put("attempt", d.attempt());
        detail.put("platform", d.platform().name());
        if (rows == 1) {
            audit.record(AuditTrail.SYSTEM, action, "DELIVERY", d.id().toString(), "SENDING", next.name(), detail);
        } else {
            // our lease was taken over meanwhile; keep the platform's answer on record rather than lose it
            log.warn("delivery {} outcome {} arrived after its lease was recovered", d.id(), next);
            audit.record(AuditTrail.SYSTEM, action + "_AFTER_LEASE_LOST", "DELIVERY", d.id().toString(), null, null,
                    detail);
        }
    }

    private static Map<String, Object> detail(String key, Object value) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(key, value);
        return detail;
    }

    /** Deliveries across posts for the send log, newest first; null filters do not filter. */
    @Transactional(readOnly = true)
    public List<DeliveryView> list(DeliveryStatus status, Long accountId, int limit) {
        return jdbc.sql("""
                select d.id, d.post_id, d.account_id, d.status, d.due_at, d.attempts, d.platform_post_id, d.last_error,
                       d.sent_at, d.updated_at, d.hold_reason
                from delivery d
                where (cast(:status as text) is null or d.status = :status)
                  and (cast(:account as bigint) is null or d.account_id = :account)
                order by d.updated_at desc
                limit :limit
                """)
                .param("status", status == null ? null : status.name())
                .param("account", accountId)
                .param("limit", limit)
                .query((rs, n) -> new DeliveryView(rs.getObject("id", UUID.class),
                        new PostId(rs.getObject("post_id", UUID.class)), rs.getLong("account_id"),
                        DeliveryStatus.valueOf(rs.getString("status")), Posts.instant(rs, "due_at"),
                        rs.getInt("attempts"), rs.getString("platform_post_id"), rs.getString("last_error"),
                        Posts.instant(rs, "sent_at"), Posts.instant(rs, "updated_at"), rs.getString("hold_reason")))
                .list();
    }

    /** A row of the send log. */
    public record DeliveryView(UUID id, PostId postId, long accountId, DeliveryStatus status, Instant dueAt,
            int attempts, String platformPostId, String lastError, Instant sentAt, Instant updatedAt,
            String holdReason) {
    }
}
