package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.SearchBounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox side of deliveries: claiming due ones and recording what the platform said. Each call is its
 * own short transaction; platform calls happen between them, never inside. A delivery that comes to need a person
 * (FAILED, UNCERTAIN, HELD) is announced with {@link DeliveryNeedsAttention} in the transaction that records it.
 */
@Service
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** What a person is told when a delivery that may already be out is stopped (it becomes UNCERTAIN). */
    private static final String MAYBE_OUT = "; an earlier attempt's answer was lost, so it may already have been "
            + "delivered: look before giving it a new time or cancelling it";

    /** Stands for "every account" in queries: Map.of takes no nulls. */
    private static final long NO_ACCOUNT = -1;
    /** Stands for "every department". */
    private static final long NO_DEPARTMENT = -1;

    /** The claim statement; package-visible so the claim-cost benchmark can show its plan. */
    static final String CLAIM = """
            with due as (
                select d.id, d.due_at from delivery d
                join post p on p.id = d.post_id
                join official_account a on a.id = d.account_id
                join dispatch_gate g on g.account_id = d.account_id
                join dispatch_gate everything on everything.account_id = 0
                where d.status = 'SCHEDULED' and d.due_at <= :now
                  and p.status = 'APPROVED' and p.approval_current
                  and a.status in (:inService)
                  and (not (g.paused or everything.paused)
                       or (d.pause_override and p.category = 'EMERGENCY' and d.override_decided_at = p.decided_at))
                order by d.due_at
                limit :limit
                for update of d skip locked
            ), claimed as (
                update delivery d set status = 'SENDING', attempts = d.attempts + 1, claimed_by = :instance,
                    claim_token = gen_random_uuid(), lease_until = :leaseUntil, send_started_at = null, updated_at = :now
                from due where d.id = due.id
                returning d.id, d.post_id, d.account_id, d.attempts, d.claim_token, due.due_at
            )
            select c.id, c.post_id, c.account_id, c.attempts, c.claim_token, c.due_at, a.platform, a.reply_policy,
                   p.text, p.links, p.media_urls, p.reply_to, p.quote_of, p.proposal, p.category, p.acknowledged, d.pause_override,
                   d.scheduled_for, d.first_started_at, p.approved_hash, p.source_url,
                   array(select t.account_id from delivery t where t.post_id = c.post_id) as post_accounts,
                   a.credentials_version, d.outcome_unknown
            from claimed c join delivery d on d.id = c.id join post p on p.id = c.post_id join official_account a on a.id = c.account_id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final AuditTrail audit;
    private final ApplicationEventPublisher publisher;

    Deliveries(JdbcClient jdbc, DataSource dataSource, AuditTrail audit, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.batch = new JdbcTemplate(dataSource);
        this.audit = audit;
        this.publisher = publisher;
    }

    /**
     * Claims up to {@code limit} deliveries due at {@code now}. Only deliveries of approved posts whose content
     * still matches the approval, on active accounts, qualify. Rows another instance holds are skipped, not
     * waited for, so instances never claim the same delivery.
     */
    @Transactional
    public List<ClaimedDelivery> claim(Instant now, int limit, String instance, Duration lease) {
        List<ClaimedDelivery> claimed = jdbc.sql(CLAIM)
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
                                rs.getString("reply_to"), rs.getString("quote_of"), rs.getString("proposal")),
                        Set.copyOf(Arrays.asList((String[]) rs.getArray("acknowledged").getArray())),
                        rs.getBoolean("pause_override"), rs.getInt("attempts"), Posts.instant(rs, "due_at"),
                        Posts.instant(rs, "scheduled_for"), Posts.instant(rs, "first_started_at"),
                        rs.getObject("claim_token", UUID.class),
                        new ClaimedDelivery.Approval(rs.getString("approved_hash"),
                                Arrays.asList((Long[]) rs.getArray("post_accounts").getArray()),
                                rs.getString("source_url")),
                        rs.getLong("credentials_version"), rs.getBoolean("outcome_unknown")))
                .list();
        audit.recordAll(claimed.stream().map(d -> new AuditTrail.Entry(AuditTrail.SYSTEM, "DELIVERY_CLAIMED", "DELIVERY",
                d.id().toString(), "SCHEDULED", "SENDING",
                Map.of("instance", instance, "attempt", d.attempt(), "accountId", d.accountId()))).toList());
        return claimed;
    }

    @Transactional
    public void sent(ClaimedDelivery d, String instance, String platformPostId, Instant now) {
        record(List.of(Outcome.sent(d, platformPostId)), instance, now);
    }

    @Transactional
    public void retryLater(ClaimedDelivery d, String instance, Instant retryAt, String error, Instant now) {
        record(List.of(Outcome.retryLater(d, retryAt, error)), instance, now);
    }

    /**
     * Holds a claimed delivery instead of sending it: the rules found something the approval did not cover (a list
     * changed, the policy changed). It waits for someone who may approve to give it a new time.
     */
    @Transactional
    public void hold(ClaimedDelivery d, String instance, String reason, Instant now) {
        hold(d, instance, reason, now, "DELIVERY_HELD_BY_RULES");
    }

    /**
     * Holds a claimed delivery that would go out too long after its time (docs/guideline.md, "Not sent late" and
     * "Crisis: pause and resume": a post is not silently sent late): an outage, a guard's long deferral or a platform's
     * long rate-limit wait.
     */
    @Transactional
    public void holdAsOverdue(ClaimedDelivery d, String instance, String reason, Instant now) {
        hold(d, instance, reason, now, "DELIVERY_HELD_OVERDUE");
    }

    /** Holds a claimed delivery because its account, or everything, is paused (guideline §7-②). */
    @Transactional
    public void holdForPause(ClaimedDelivery d, String instance, String reason, Instant now) {
        hold(d, instance, reason, now, "DELIVERY_HELD_BY_PAUSE");
    }

    /**
     * Records that the platform requests of claimed deliveries are about to start: they passed the pause gate. Only
     * deliveries that still carry their claim's token are marked.
     *
     * @return the ids of those marked: only their requests may start; the others' claims were taken over
     */
    @Transactional
    public Set<UUID> markStarted(List<ClaimedDelivery> started, Instant now) {
        if (started.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                update delivery set send_started_at = :now, first_started_at = coalesce(first_started_at, :now)
                where claim_token = any(:tokens) and status = 'SENDING'
                returning id
                """)
                .param("now", timestamp(now))
                .param("tokens", started.stream().map(ClaimedDelivery::claimToken).toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    /**
     * Extends the leases of claims still held, while their sends are waiting or in flight: a lease lives as long as
     * the work, however long a platform takes to answer (Instagram's publication can take minutes).
     *
     * @return how many of the claims are still held
     */
    @Transactional
    public int renewLeases(Set<UUID> claimTokens, Instant leaseUntil) {
        if (claimTokens.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update delivery set lease_until = :until
                where claim_token = any(:tokens) and status = 'SENDING'
                """)
                .param("until", timestamp(leaseUntil))
                .param("tokens", claimTokens.toArray(UUID[]::new))
                .update();
    }

    /**
     * Of these claimed deliveries with an emergency override, those whose override still stands (a resume or a
     * person's change clears it after the claim).
     */
    @Transactional(readOnly = true)
    public Set<UUID> overrideStands(List<ClaimedDelivery> claimed) {
        if (claimed.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                select d.id from delivery d join post p on p.id = d.post_id
                where d.claim_token = any(:tokens) and d.pause_override and p.category = 'EMERGENCY'
                  and d.override_decided_at = p.decided_at
                """)
                .param("tokens", claimed.stream().map(ClaimedDelivery::claimToken).toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    /** Deliveries whose platform request has started and not yet finished, on one account (null: all accounts). */
    @Transactional(readOnly = true)
    public List<DeliveryView> inFlight(Long accountId) {
        return views("""
                where d.status = 'SENDING' and d.send_started_at is not null
                  and (cast(:account as bigint) = -1 or d.account_id = :account)
                """, Map.of("account", accountId == null ? NO_ACCOUNT : accountId));
    }

    @Transactional(readOnly = true)
    public List<DeliveryView> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return views("where d.id in (:ids)", Map.of("ids", ids));
    }

    /**
     * After a pause: deliveries whose time passed while paused are held for a new time instead of going out all at
     * once (docs/guideline.md, "Crisis: pause and resume"). Null account: every account.
     */
    @Transactional
    public List<DeliveryView> holdOverdue(Long accountId, Instant now, String reason, String actor) {
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
                .param("maybeOut", MAYBE_OUT)
                .param("now", timestamp(now))
                .param("account", accountId)
                .query(UUID.class)
                .list();
        List<DeliveryView> views = byIds(held);
        for (DeliveryView d : views) {
            String shown = d.status() == DeliveryStatus.UNCERTAIN ? reason + MAYBE_OUT : reason;
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
        return byIds(ids);
    }

    /**
     * Ends the emergency overrides given during a pause that is being lifted (null account: everything), so that a
     * later pause is not pre-empted by an override given for this one.
     */
    @Transactional
    public int clearOverrides(Long accountId) {
        return jdbc.sql("""
                update delivery set pause_override = false, override_decided_at = null
                where pause_override and status in ('SCHEDULED', 'HELD', 'SENDING')
                  and (cast(:account as bigint) is null or account_id = :account)
                """).param("account", accountId).update();
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

    /** A sent delivery, locked for the caller's transaction, with what is needed to delete it on the platform. */
    public record SentDelivery(UUID id, long accountId, Platform platform, String platformPostId) {
    }

    @Transactional
    public SentDelivery lockSent(UUID id) {
        var row = jdbc.sql("""
                select d.id, d.account_id, a.platform, d.status, d.platform_post_id
                from delivery d join official_account a on a.id = d.account_id
                where d.id = :id for update of d nowait
                """).param("id", id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("delivery.notFound", "no delivery " + id, id.toString()));
        String status = (String) row.get("status");
        if (!DeliveryStatus.SENT.name().equals(status) || row.get("platform_post_id") == null) {
            throw new IllegalTransitionException("delivery.notSent", "only a SENT delivery can be deleted; this one is "
                    + status, status);
        }
        return new SentDelivery(id, ((Number) row.get("account_id")).longValue(),
                Platform.valueOf((String) row.get("platform")), (String) row.get("platform_post_id"));
    }

    @Transactional
    public void deleted(SentDelivery d, String actor, String reason, Instant now) {
        jdbc.sql("update delivery set status = 'DELETED', deleted_at = :now, updated_at = :now where id = :id")
                .param("now", timestamp(now)).param("id", d.id()).update();
        audit.record(actor, "DELIVERY_DELETED_ON_PLATFORM", "DELIVERY", d.id().toString(), "SENT", "DELETED",
                Map.of("reason", reason, "platform", d.platform().name(), "platformPostId", d.platformPostId()));
    }

    @Transactional
    public void deletionRefused(SentDelivery d, String actor, String reason, String platformAnswer) {
        audit.record(actor, "DELIVERY_DELETE_FAILED", "DELIVERY", d.id().toString(), "SENT", "SENT",
                Map.of("reason", reason, "platform", d.platform().name(), "platformAnswer", platformAnswer));
    }

    /** Holds a claimed delivery; UNCERTAIN instead where an earlier attempt's answer was lost (it may be out). */
    private void hold(ClaimedDelivery d, String instance, String reason, Instant now, String action) {
        List<String> after = jdbc.sql("""
                update delivery set status = case when outcome_unknown then 'UNCERTAIN' else 'HELD' end,
                    due_at = null,
                    hold_reason = case when outcome_unknown then null else cast(:reason as text) end,
                    last_error = case when outcome_unknown then :reason || :maybeOut else last_error end,
                    claimed_by = null, claim_token = null, lease_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claim_token = :token
                returning status
                """)
                .param("reason", reason)
                .param("maybeOut", MAYBE_OUT)
                .param("now", timestamp(now))
                .param("id", d.id())
                .param("token", d.claimToken())
                .query(String.class)
                .list();
        if (!after.isEmpty()) {
            DeliveryStatus status = DeliveryStatus.valueOf(after.getFirst());
            String shown = status == DeliveryStatus.UNCERTAIN ? reason + MAYBE_OUT : reason;
            audit.record(AuditTrail.SYSTEM, action, "DELIVERY", d.id().toString(), "SENDING", status.name(),
                    Map.of("reason", shown, "instance", instance));
            publisher.publishEvent(new DeliveryNeedsAttention(d.id(), d.postId(), d.accountId(), status, shown));
        }
    }

    /**
     * Puts a claimed delivery back for later without it counting as an attempt: no platform request was made (a
     * guard said wait).
     */
    @Transactional
    public void defer(ClaimedDelivery d, String instance, Instant until, String reason, Instant now) {
        int rows = jdbc.sql("""
                update delivery set status = 'SCHEDULED', due_at = :until, attempts = greatest(attempts - 1, 0),
                    claimed_by = null, claim_token = null, lease_until = null, updated_at = :now
                where id = :id and status = 'SENDING' and claim_token = :token
                """)
                .param("until", timestamp(until)).param("now", timestamp(now)).param("id", d.id())
                .param("token", d.claimToken()).update();
        if (rows == 1) {
            audit.record(AuditTrail.SYSTEM, "DELIVERY_DEFERRED", "DELIVERY", d.id().toString(), "SENDING", "SCHEDULED",
                    Map.of("reason", reason, "until", until.toString(), "instance", instance));
        }
    }

    @Transactional
    public void failed(ClaimedDelivery d, String instance, String error, Instant now) {
        record(List.of(Outcome.failed(d, error)), instance, now);
    }

    @Transactional
    public void uncertain(ClaimedDelivery d, String instance, String error, Instant now) {
        record(List.of(Outcome.uncertain(d, error)), instance, now);
    }

    /**
     * How the attempt of a claimed delivery ended, to be recorded with {@link #record}.
     *
     * @param next   SENT, FAILED, UNCERTAIN, or SCHEDULED again for a retry at {@code dueAt}
     * @param detail the audit entry's detail beyond instance, attempt and platform
     */
    public record Outcome(ClaimedDelivery delivery, DeliveryStatus next, Instant dueAt, String platformPostId,
            String error, String action, Map<String, Object> detail) {

        public static Outcome sent(ClaimedDelivery d, String platformPostId) {
            return new Outcome(d, DeliveryStatus.SENT, null, platformPostId, null, "DELIVERY_SENT",
                    Deliveries.detail("platformPostId", platformPostId));
        }

        public static Outcome failed(ClaimedDelivery d, String error) {
            return new Outcome(d, DeliveryStatus.FAILED, null, null, error, "DELIVERY_FAILED", Deliveries.detail("error", error));
        }

        public static Outcome uncertain(ClaimedDelivery d, String error) {
            return new Outcome(d, DeliveryStatus.UNCERTAIN, null, null, error, "DELIVERY_UNCERTAIN",
                    Deliveries.detail("error", error));
        }

        public static Outcome retryLater(ClaimedDelivery d, Instant retryAt, String error) {
            Map<String, Object> detail = Deliveries.detail("error", error);
            detail.put("retryAt", retryAt.toString());
            return new Outcome(d, DeliveryStatus.SCHEDULED, retryAt, null, error, "DELIVERY_RETRY_SCHEDULED", detail);
        }

        /**
         * A retry of an attempt whose answer was lost, on a platform that de-duplicates by the delivery's key: safe to
         * send again, but until it is SENT the delivery may already be out.
         */
        public static Outcome retryAfterUnknown(ClaimedDelivery d, Instant retryAt, String error) {
            Outcome retry = retryLater(d, retryAt, error);
            retry.detail().put("outcomeUnknown", true);
            return retry;
        }

        boolean outcomeUnknown() {
            return Boolean.TRUE.equals(detail.get("outcomeUnknown"));
        }
    }

    /**
     * Records the outcomes of several attempts in one transaction, each delivery's change with its audit entry, in
     * two round trips however many there are. An outcome whose lease was recovered meanwhile (another instance took
     * the delivery over) changes nothing and is kept on record as {@code …_AFTER_LEASE_LOST}.
     */
    @Transactional
    public void record(List<Outcome> outcomes, String instance, Instant now) {
        Timestamp at = timestamp(now);
        int[][] rows = batch.batchUpdate("""
                update delivery set status = ?, due_at = ?, platform_post_id = coalesce(?, platform_post_id),
                    last_error = ?, sent_at = case when cast(? as text) = 'SENT' then cast(? as timestamptz) else sent_at end,
                    claimed_by = null, claim_token = null, lease_until = null, updated_at = ?,
                    outcome_unknown = outcome_unknown or ?
                where id = ? and status = 'SENDING' and claim_token = ?
                """, outcomes, outcomes.size(), (ps, o) -> {
            ps.setString(1, o.next().name());
            ps.setTimestamp(2, timestamp(o.dueAt()));
            ps.setString(3, o.platformPostId());
            ps.setString(4, o.error());
            ps.setString(5, o.next().name());
            ps.setTimestamp(6, at);
            ps.setTimestamp(7, at);
            ps.setBoolean(8, o.outcomeUnknown());
            ps.setObject(9, o.delivery().id());
            ps.setObject(10, o.delivery().claimToken());
        });
        List<AuditTrail.Entry> entries = new ArrayList<>(outcomes.size());
        List<DeliveryNeedsAttention> needsAttention = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            Map<String, Object> detail = new LinkedHashMap<>(o.detail());
            detail.put("instance", instance);
            detail.put("attempt", o.delivery().attempt());
            detail.put("platform", o.delivery().platform().name());
            String id = o.delivery().id().toString();
            if (rows[0][i] == 1) {
                entries.add(new AuditTrail.Entry(AuditTrail.SYSTEM, o.action(), "DELIVERY", id, "SENDING",
                        o.next().name(), detail));
                if (o.next() == DeliveryStatus.FAILED || o.next() == DeliveryStatus.UNCERTAIN) {
                    ClaimedDelivery d = o.delivery();
                    needsAttention.add(new DeliveryNeedsAttention(d.id(), d.postId(), d.accountId(), o.next(),
                            o.error()));
                }
            } else if (o.next() == DeliveryStatus.SENT && sentAfterLeaseLost(o, at) instanceof String before) {
                // the claim was taken over, but the platform did publish: the truth beats the recovery's guess
                log.warn("delivery {} was published after its lease was recovered; recorded as SENT", id);
                entries.add(new AuditTrail.Entry(AuditTrail.SYSTEM, "DELIVERY_SENT_AFTER_LEASE_LOST", "DELIVERY", id,
                        before, DeliveryStatus.SENT.name(), detail));
            } else {
                // our lease was taken over meanwhile; keep the platform's answer on record rather than lose it
                log.warn("delivery {} outcome {} arrived after its lease was recovered", id, o.next());
                entries.add(new AuditTrail.Entry(AuditTrail.SYSTEM, o.action() + "_AFTER_LEASE_LOST", "DELIVERY", id,
                        null, null, detail));
            }
        }
        audit.recordAll(entries);
        needsAttention.forEach(publisher::publishEvent);
    }

    /**
     * A publication that arrived after its claim was taken over sets the delivery SENT, unless another attempt already
     * recorded a post for it (or it was deleted since).
     *
     * @return the state it was in, or null if it was left alone
     */
    private String sentAfterLeaseLost(Outcome o, Timestamp at) {
        List<String> before = jdbc.sql("""
                select status from delivery
                where id = :id and platform_post_id is null and status in ('SCHEDULED', 'SENDING', 'HELD', 'UNCERTAIN', 'FAILED')
                for update
                """).param("id", o.delivery().id()).query(String.class).list();
        if (before.isEmpty()) {
            return null;
        }
        jdbc.sql("""
                update delivery set status = 'SENT', platform_post_id = :platformId, sent_at = :at, last_error = null,
                    hold_reason = null, due_at = null, claimed_by = null, claim_token = null, lease_until = null,
                    updated_at = :at
                where id = :id
                """).param("platformId", o.platformPostId()).param("at", at).param("id", o.delivery().id()).update();
        return before.getFirst();
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

    private static Map<String, Object> detail(String key, Object value) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(key, value);
        return detail;
    }

    /** Deliveries across posts for the send log, newest first; null filters do not filter. */
    @Transactional(readOnly = true)
    public List<DeliveryView> list(DeliveryStatus status, Long accountId, int limit) {
        return views("""
                where (cast(:status as text) = '' or d.status = :status)
                  and (cast(:account as bigint) = -1 or d.account_id = :account)
                order by d.updated_at desc
                limit :limit
                """, Map.of("status", status == null ? "" : status.name(),
                "account", accountId == null ? NO_ACCOUNT : accountId, "limit", limit));
    }

    /**
     * SCHEDULED deliveries nearest first (the dashboard's agenda): those to the accounts of one department (null: every
     * account), of one category of post (null: any), at most {@code limit}. Served by the {@code delivery_due} index.
     */
    @Transactional(readOnly = true)
    public List<DeliveryView> scheduled(Long departmentId, PostCategory category, int limit) {
        return views("""
                join official_account a on a.id = d.account_id
                join post p on p.id = d.post_id
                where d.status = 'SCHEDULED'
                  and (cast(:department as bigint) = -1 or a.department_id = :department)
                  and (cast(:category as text) = '' or p.category = :category)
                order by d.due_at, d.id
                limit :limit
                """, Map.of("department", departmentId == null ? NO_DEPARTMENT : departmentId,
                "category", category == null ? "" : category.name(), "limit", limit));
    }

    /**
     * HELD deliveries by the time they were meant to go out (their post's time, or when they were held if it was to
     * go as soon as approved), earliest first: those to the accounts of one department (null: every account), at most
     * {@code limit}. Served by the {@code delivery_held} index.
     */
    @Transactional(readOnly = true)
    public List<DeliveryView> held(Long departmentId, int limit) {
        return views("""
                join official_account a on a.id = d.account_id
                join post p on p.id = d.post_id
                where d.status = 'HELD'
                  and (cast(:department as bigint) = -1 or a.department_id = :department)
                order by coalesce(p.scheduled_at, d.updated_at), d.id
                limit :limit
                """, Map.of("department", departmentId == null ? NO_DEPARTMENT : departmentId, "limit", limit));
    }

    /**
     * The send log search: by state, account, time range (of the last change) and actor (the post's author or
     * approver) among the deliveries these readers may read; null filters do not filter. Newest first.
     */
    @Transactional(readOnly = true)
    public List<DeliveryView> search(Readers readers, DeliveryStatus status, Long accountId, Instant from, Instant to,
            String actor, int limit) {
        Map<String, Object> params = new java.util.HashMap<>(readers.params());
        params.put("status", status == null ? "" : status.name());
        params.put("account", accountId == null ? NO_ACCOUNT : accountId);
        params.put("from", timestamp(SearchBounds.clamp(from, SearchBounds.EARLIEST)));
        params.put("to", timestamp(SearchBounds.clamp(to, SearchBounds.LATEST)));
        params.put("actor", actor == null ? "" : actor);
        params.put("limit", limit);
        return views("""
                join post p on p.id = d.post_id
                join staff author on author.id = p.author_id
                left join staff approver on approver.id = p.decided_by
                where (cast(:status as text) = '' or d.status = :status)
                  and (cast(:account as bigint) = -1 or d.account_id = :account)
                  and d.updated_at >= :from and d.updated_at < :to
                  and (cast(:actor as text) = '' or author.username = :actor or approver.username = :actor)
                  and """ + readers.deliveries() + """
                order by d.updated_at desc
                limit :limit
                """, params);
    }

    private List<DeliveryView> views(String where, Map<String, ?> params) {
        return jdbc.sql("""
                select d.id, d.post_id, d.account_id, d.status, d.due_at, d.attempts, d.platform_post_id, d.last_error,
                       d.sent_at, d.updated_at, d.hold_reason
                from delivery d
                """ + where)
                .params(params)
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
