package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispatcher's side of deliveries: claiming due ones, fencing the claims, and recording what the platform said.
 * Each call is its own short transaction; platform calls happen between them, never inside. A delivery that comes to
 * need a person (FAILED, UNCERTAIN, HELD) is announced with {@link DeliveryNeedsAttention} in the transaction that
 * records it. Reading deliveries is {@link SendLog}; recovering lost claims and looking up uncertain ones is
 * {@link Reconciliation}; what a pause does to them is {@link PausedDeliveries}.
 *
 * <p>Around the usual class size: each method is one statement of the claim's fencing (the claim token, the lease,
 * the attempt), and splitting them would spread that one protocol over several classes.
 */
@Service
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** What a person is told when a delivery that may already be out is stopped (it becomes UNCERTAIN). */
    static final String MAYBE_OUT = "; an earlier attempt's answer was lost, so it may already have been "
            + "delivered: look before giving it a new time or cancelling it";

    /**
     * Whether the scheduled delivery {@code d} may be claimed, asked by both of the claim's walks: its account is in
     * service, its post approved with the content approved, and no pause holds it.
     */
    private static final String CLAIMABLE = """
            (select a.status in (:inService) from official_account a where a.id = d.account_id)
            and (select p.status = 'APPROVED' and p.approval_current
                        -- a pause that names who may still post lets its deliveries be claimed: the crisis gate decides
                        and ((not g.paused or g.excepting) and (not everything.paused or everything.excepting)
                             or (d.pause_override and p.category = 'EMERGENCY' and d.override_decided_at = p.decided_at))
                 from post p, dispatch_gate g, everything
                 where p.id = d.post_id and g.account_id = d.account_id)""";

    /**
     * The claim statement; package-visible so the claim-cost benchmark can show its plan. The post, the account and
     * the gate rows are asked in scalar subqueries rather than joined, so that the only table the planner can start
     * from is {@code delivery}: it walks {@code delivery_due} in due order and stops after the limit (YouTube's
     * look-ahead walks each YouTube account's deliveries within the lead). Joined, the planner started from the gate
     * and account tables whenever their statistics were missing or stale (a city with fewer than 50 accounts never
     * reaches autovacuum's threshold to analyze them), and then joined and sorted every due delivery on every claim:
     * 96 ms per claim instead of 9 with 4,000 due (docs/benchmarks.md, "The claim's plan"). A missing row answers null,
     * which the where clause refuses as the inner joins did. The update joins the post and the account only for the
     * rows {@code due} chose (each walk is materialized, since it locks them), to return what the senders need.
     */
    static final String CLAIM = """
            with everything as materialized (
                -- the gate of all accounts, read once for the claim rather than once for every row it looks at
                select paused, excepting from dispatch_gate where account_id = 0
            ), due_now as (
                select d.id, d.due_at from delivery d
                where d.status = 'SCHEDULED' and d.due_at <= :now and {claimable}
                order by d.due_at
                limit :limit
                for update of d skip locked
            ), ahead as (
                -- a YouTube video goes up ahead of its time, private with publishAt, so that YouTube publishes it on
                -- time; only at its first scheduling (a retry or a deferral moved due_at off scheduled_for). Found
                -- account by account: a walk of delivery_due out to the last such video read and dropped every other
                -- platform's delivery due before it, on every claim for as long as the video waited (behind a paused
                -- YouTube account, 15.6 ms of PostgreSQL CPU a claim instead of 1.2 with 5,000 LINE deliveries due
                -- within the lead, issue 20)
                select y.id, y.due_at from official_account a cross join lateral (
                    select d.id, d.due_at from delivery d
                    where d.account_id = a.id and d.status = 'SCHEDULED' and d.due_at > :now and d.due_at <= :horizon
                      and d.due_at = d.scheduled_for and {claimable}
                    order by d.due_at
                    limit :limit
                    for update of d skip locked) y
                where a.platform = 'YOUTUBE'
            ), due as (
                -- what is due now comes first; a video ahead locked but left out here waits for a later claim
                select id, due_at from due_now
                union all
                select id, due_at from ahead
                order by due_at
                limit :limit
            ), claimed as (
                -- the post and the account joined to the update itself: what a sender needs comes back from the rows
                -- updated, not from a second read of the same rows (issue 20); the planner still walks delivery_due
                -- first, inside due
                update delivery d set status = 'SENDING', attempts = d.attempts + 1, claimed_by = :instance,
                    claim_token = gen_random_uuid(), lease_until = :leaseUntil, send_started_at = null, updated_at = :now
                from due, post p, official_account a
                where d.id = due.id and p.id = d.post_id and a.id = d.account_id
                returning d.id, d.post_id, d.account_id, d.attempts, d.claim_token, due.due_at, a.platform, a.reply_policy,
                    a.alt_text_required, p.text, p.links, p.media_urls, p.media, p.reply_to, p.quote_of, p.proposal,
                    p.category, p.acknowledged, d.pause_override, d.scheduled_for, d.first_started_at, p.approved_hash,
                    p.source_url, array(select t.account_id from delivery t where t.post_id = d.post_id) as post_accounts,
                    a.credentials_version, d.outcome_unknown, p.department_id, p.drill
            )
            -- handed to the senders in the order they were due, whichever order the update met them in
            select * from claimed order by due_at
            """.replace("{claimable}", CLAIMABLE);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher publisher;

    Deliveries(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
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
        return claim(now, limit, instance, lease, Duration.ZERO);
    }

    /**
     * Claims as {@link #claim(Instant, int, String, Duration)} does, and YouTube deliveries up to {@code uploadLead}
     * before their time: the video is uploaded private with its time as {@code publishAt}, so YouTube makes it public
     * on time. Only a delivery's first scheduling is claimed early, never a retry.
     */
    @Transactional
    public List<ClaimedDelivery> claim(Instant now, int limit, String instance, Duration lease, Duration uploadLead) {
        List<ClaimedDelivery> claimed = jdbc.sql(CLAIM)
                .param("now", timestamp(now))
                .param("horizon", timestamp(now.plus(uploadLead)))
                .param("inService", AccountStatus.IN_SERVICE.stream().map(Enum::name).toList())
                .param("limit", limit)
                .param("instance", instance)
                .param("leaseUntil", timestamp(now.plus(lease)))
                .query((rs, n) -> new ClaimedDelivery(rs.getObject("id", UUID.class),
                        new PostId(rs.getObject("post_id", UUID.class)), rs.getLong("account_id"),
                        Platform.valueOf(rs.getString("platform")), ReplyPolicy.valueOf(rs.getString("reply_policy")),
                        rs.getBoolean("alt_text_required"), new PostContent(rs.getString("text"), Posts.uris(rs.getArray("links")),
                                PostCategory.valueOf(rs.getString("category")), Posts.uris(rs.getArray("media_urls")),
                                rs.getString("reply_to"), rs.getString("quote_of"), rs.getString("proposal"),
                                Posts.images(rs.getString("media"))),
                        Set.copyOf(Arrays.asList((String[]) rs.getArray("acknowledged").getArray())),
                        rs.getBoolean("pause_override"), rs.getInt("attempts"), Posts.instant(rs, "due_at"),
                        Posts.instant(rs, "scheduled_for"), Posts.instant(rs, "first_started_at"),
                        rs.getObject("claim_token", UUID.class),
                        new ClaimedDelivery.Approval(rs.getString("approved_hash"),
                                Arrays.asList((Long[]) rs.getArray("post_accounts").getArray()),
                                rs.getString("source_url")),
                        rs.getLong("credentials_version"), rs.getBoolean("outcome_unknown"),
                        rs.getLong("department_id"), rs.getBoolean("drill")))
                .list();
        audit.recordAll(claimed.stream().map(d -> new AuditTrail.Entry(AuditTrail.SYSTEM, "DELIVERY_CLAIMED", "DELIVERY",
                d.id().toString(), "SCHEDULED", "SENDING",
                Map.of("instance", instance, "attempt", d.attempt(), "accountId", d.accountId()))).toList());
        return claimed;
    }

    @Transactional
    public void sent(ClaimedDelivery d, String instance, String platformPostId, Instant now) {
        record(List.of(DeliveryOutcome.sent(d, platformPostId)), instance, now);
    }

    @Transactional
    public void retryLater(ClaimedDelivery d, String instance, Instant retryAt, String error, Instant now) {
        record(List.of(DeliveryOutcome.retryLater(d, retryAt, error)), instance, now);
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
     * When the next delivery falls due after {@code now}, if one does by {@code until}: a dispatcher whose claim found
     * nothing sleeps only that long. One step into {@code delivery_due}, outside any transaction (a claim that found
     * nothing holds nothing, and this decides only when to look again).
     */
    public Optional<Instant> nextDue(Instant now, Instant until) {
        return jdbc.sql("""
                select due_at from delivery where status = 'SCHEDULED' and due_at > :now and due_at <= :until
                order by due_at limit 1
                """).param("now", timestamp(now)).param("until", timestamp(until)).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    /**
     * The platforms of these accounts: where a post's media go depends on all the platforms it goes to (a video to
     * YouTube only, the images to the others), so a delivery's check before it is sent asks for its post's.
     */
    public Set<Platform> platformsOf(Collection<Long> accountIds) {
        return jdbc.sql("select distinct platform from official_account where id = any(:ids)")
                .param("ids", accountIds.toArray(Long[]::new)).query((rs, n) -> Platform.valueOf(rs.getString(1)))
                .set();
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
                where id = any(:ids) and claim_token = any(:tokens) and status = 'SENDING'
                returning id
                """)
                .param("now", timestamp(now))
                .param("ids", started.stream().map(ClaimedDelivery::id).toArray(UUID[]::new))
                .param("tokens", started.stream().map(ClaimedDelivery::claimToken).toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    /**
     * The crisis gate as it almost always is, in one statement ({@code crisis.Pauses#enter}): share-locks every gate
     * row of the deliveries' accounts and of "everything" — all of them, so that a pause under way is waited for and
     * read as it commits — and, when none is paused, marks the deliveries started as {@link #markStarted} does. Not
     * transactional itself: called outside a transaction it is one, and its locks end with it; inside one, they last
     * until that one ends.
     *
     * @return the ids marked (only their requests may start; the others' claims were taken over), or empty when a
     *         gate is paused and the deliveries must be decided one by one
     */
    public Optional<Set<UUID>> markStartedUnlessPaused(List<ClaimedDelivery> started, Instant now) {
        if (started.isEmpty()) {
            return Optional.of(Set.of());
        }
        return jdbc.sql("""
                with gates as (
                    select paused from dispatch_gate where account_id = 0 or account_id = any(:accounts) for share
                ), stopping as (
                    -- counted, so that every row is read and locked, not only those up to the first paused one
                    select count(*) filter (where paused) as paused from gates
                ), marked as (
                    update delivery set send_started_at = :now, first_started_at = coalesce(first_started_at, :now)
                    -- found by id (the primary key), then held to the claim's token
                    where id = any(:ids) and claim_token = any(:tokens) and status = 'SENDING'
                      and (select paused from stopping) = 0
                    returning id
                )
                select (select paused from stopping) as paused, array(select id from marked) as marked
                """)
                .param("accounts", started.stream().map(ClaimedDelivery::accountId).distinct().toArray(Long[]::new))
                .param("now", timestamp(now))
                .param("ids", started.stream().map(ClaimedDelivery::id).toArray(UUID[]::new))
                .param("tokens", started.stream().map(ClaimedDelivery::claimToken).toArray(UUID[]::new))
                .query((rs, row) -> rs.getLong("paused") > 0 ? Optional.<Set<UUID>>empty()
                        : Optional.of(Set.of((UUID[]) rs.getArray("marked").getArray())))
                .single();
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
        return Set.copyOf(jdbc.sql(OVERRIDE_STANDS)
                .param("ids", claimed.stream().map(ClaimedDelivery::id).toArray(UUID[]::new))
                .param("tokens", claimed.stream().map(ClaimedDelivery::claimToken).toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    /**
     * Found by id, then held to the claim's token: {@code claim_token} has no index, and by token alone, with no status
     * to narrow it to the few SENDING rows, this read every emergency post's deliveries at the pause gate, while the
     * senders waiting there held their request slots.
     */
    static final String OVERRIDE_STANDS = """
            select d.id from delivery d join post p on p.id = d.post_id
            where d.id = any(:ids) and d.claim_token = any(:tokens) and d.pause_override and p.category = 'EMERGENCY'
              and d.override_decided_at = p.decided_at
            """;

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
        record(List.of(DeliveryOutcome.failed(d, error)), instance, now);
    }

    @Transactional
    public void uncertain(ClaimedDelivery d, String instance, String error, Instant now) {
        record(List.of(DeliveryOutcome.uncertain(d, error)), instance, now);
    }

    /**
     * Records the outcomes of several attempts in one transaction, each delivery's change with its audit entry, in
     * two round trips however many there are. An outcome whose lease was recovered meanwhile (another instance took
     * the delivery over) changes nothing and is kept on record as {@code …_AFTER_LEASE_LOST}.
     */
    @Transactional
    public void record(List<DeliveryOutcome> outcomes, String instance, Instant now) {
        Timestamp at = timestamp(now);
        int n = outcomes.size();
        UUID[] ids = new UUID[n];
        UUID[] tokens = new UUID[n];
        String[] next = new String[n];
        String[] dueAt = new String[n];
        String[] platformPostIds = new String[n];
        String[] errors = new String[n];
        Boolean[] unknown = new Boolean[n];
        String[] trouble = new String[n];
        for (int i = 0; i < n; i++) {
            DeliveryOutcome o = outcomes.get(i);
            ids[i] = o.delivery().id();
            tokens[i] = o.delivery().claimToken();
            next[i] = o.next().name();
            dueAt[i] = o.dueAt() == null ? null : o.dueAt().toString();
            platformPostIds[i] = o.platformPostId();
            errors[i] = o.error();
            unknown[i] = o.outcomeUnknown();
            trouble[i] = o.trouble() == null ? null : o.trouble().name();
        }
        // one statement for the lot rather than a batch of one update each (0.058 against 0.075 ms a delivery in
        // pg_stat_statements at 0 ms, issue 20); the ordinality says which outcomes applied: the others' claims were
        // taken over meanwhile
        Set<Long> applied = Set.copyOf(jdbc.sql("""
                update delivery d set status = o.next, due_at = cast(o.due_at as timestamptz),
                    platform_post_id = coalesce(o.platform_post_id, d.platform_post_id), last_error = o.error,
                    sent_at = case when o.next = 'SENT' then cast(:at as timestamptz) else d.sent_at end,
                    claimed_by = null, claim_token = null, lease_until = null, updated_at = :at,
                    outcome_unknown = d.outcome_unknown or o.unknown,
                    account_trouble = coalesce(o.trouble, d.account_trouble),
                    trouble_at = case when o.trouble is null then d.trouble_at else cast(:at as timestamptz) end
                from unnest(cast(:ids as uuid[]), cast(:tokens as uuid[]), cast(:next as text[]),
                            cast(:dueAt as text[]), cast(:platformPostIds as text[]), cast(:errors as text[]),
                            cast(:unknown as boolean[]), cast(:trouble as text[]))
                     with ordinality as o(id, token, next, due_at, platform_post_id, error, unknown, trouble, n)
                where d.id = o.id and d.status = 'SENDING' and d.claim_token = o.token
                returning o.n
                """)
                .param("at", at).param("ids", ids).param("tokens", tokens).param("next", next)
                .param("dueAt", dueAt).param("platformPostIds", platformPostIds).param("errors", errors)
                .param("unknown", unknown).param("trouble", trouble)
                .query(Long.class).list());
        List<AuditTrail.Entry> entries = new ArrayList<>(outcomes.size());
        List<DeliveryNeedsAttention> needsAttention = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            DeliveryOutcome o = outcomes.get(i);
            Map<String, Object> detail = new LinkedHashMap<>(o.detail());
            detail.put("instance", instance);
            detail.put("attempt", o.delivery().attempt());
            detail.put("platform", o.delivery().platform().name());
            String id = o.delivery().id().toString();
            if (applied.contains(i + 1L)) {
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
    private @Nullable String sentAfterLeaseLost(DeliveryOutcome o, Timestamp at) {
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
}
