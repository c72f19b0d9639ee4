package org.kohogateway.gateway.crisis;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.PausedDeliveries;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.staff.ActingStaff;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.DatabaseProperties;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pausing and resuming. The guarantee — once {@link #pause} returns, no platform request for the paused accounts
 * starts, on any instance — rests on the gate rows: {@link #enter} holds a share lock on them while it decides and
 * marks the delivery started, and pausing updates them, so the two are ordered by PostgreSQL.
 */
@Service
public class Pauses {

    private static final long EVERYTHING = 0;

    private final JdbcClient jdbc;
    private final Deliveries deliveries;
    private final PausedDeliveries pausedDeliveries;
    private final SendLog sendLog;
    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final PostWorkflow posts;
    private final AuditTrail audit;
    private final CrisisProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher publisher;
    private final DatabaseProperties database;

    Pauses(JdbcClient jdbc, Deliveries deliveries, PausedDeliveries pausedDeliveries, SendLog sendLog,
            StaffDirectory staff, OfficialAccounts accounts, PostWorkflow posts, AuditTrail audit,
            CrisisProperties properties, Clock clock, PlatformTransactionManager transactions,
            ApplicationEventPublisher publisher, DatabaseProperties database) {
        this.database = database;
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.pausedDeliveries = pausedDeliveries;
        this.sendLog = sendLog;
        this.staff = staff;
        this.accounts = accounts;
        this.posts = posts;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.publisher = publisher;
    }

    /**
     * Pauses one account (or everything when {@code accountId} is null), then waits a little for requests that had
     * already started so it can report their outcome.
     */
    public PauseReport pause(String username, @Nullable Long accountId, @Nullable String reason) {
        Staff actor = mayPause(username);
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("crisis.reasonRequired", "a pause needs a reason");
        }
        long gate = gate(accountId);
        Instant now = clock.instant();
        Pause pause = transaction.execute(status -> {
            waitForGateRowsPastAFrozenInstance();
            int updated = jdbc.sql("""
                    update dispatch_gate set paused = true, reason = :reason, paused_by = :by, paused_at = :at
                    where account_id = :gate and not paused
                    """)
                    .param("reason", reason.strip())
                    .param("by", actor.username())
                    .param("at", Timestamp.from(now))
                    .param("gate", gate)
                    .update();
            if (updated == 0) {
                throw new IllegalTransitionException("crisis.alreadyPaused", "already paused", label(accountId));
            }
            audit.record(actor.username(), "PAUSED", "PAUSE", label(accountId), "RUNNING", "PAUSED",
                    Map.of("reason", reason.strip()));
            publisher.publishEvent(new PauseChanged(accountId, true, reason.strip(), actor.username(), 0));
            return new Pause(accountId, reason.strip(), actor.username(), now);
        });
        return new PauseReport(pause, awaitInFlight(accountId));
    }

    @Transactional
    public ResumeReport resume(String username, @Nullable Long accountId) {
        Staff actor = mayPause(username);
        long gate = gate(accountId);
        waitForGateRowsPastAFrozenInstance();
        int updated = jdbc.sql("""
                update dispatch_gate set paused = false, reason = null, paused_by = null, paused_at = null
                where account_id = :gate and paused
                """).param("gate", gate).update();
        if (updated == 0) {
            throw new IllegalTransitionException("crisis.notPaused", "not paused", label(accountId));
        }
        Instant now = clock.instant();
        pausedDeliveries.clearOverrides(accountId);
        List<DeliveryView> held = pausedDeliveries.holdOverdue(accountId, now,
                "its time passed while sending was paused; give it a new time or cancel it", actor.username());
        audit.record(actor.username(), "RESUMED", "PAUSE", label(accountId), "PAUSED", "RUNNING",
                Map.of("heldForNewTime", held.size()));
        publisher.publishEvent(new PauseChanged(accountId, false, null, actor.username(), held.size()));
        return new ResumeReport(accountId, held);
    }

    @Transactional(readOnly = true)
    public List<Pause> active() {
        return jdbc.sql("select account_id, reason, paused_by, paused_at from dispatch_gate where paused order by account_id")
                .query((rs, n) -> new Pause(rs.getLong(1) == EVERYTHING ? null : rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    /**
     * Called by a dispatcher right before it starts the platform requests of claimed deliveries. Those whose account,
     * or everything, is paused (and to which no emergency override applies) are held; the others are marked started
     * and returned. One transaction for the whole batch: the share lock on the gate rows is held while deciding and
     * marking, so a pause either comes first (and the delivery is held) or waits until the delivery counts as in
     * flight (and reports it). A delivery whose claim was taken over meanwhile (its lease ran out) is neither: it is
     * left alone and its request does not start.
     */
    @Transactional
    public List<ClaimedDelivery> enter(List<ClaimedDelivery> batch, String instance) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Long[] accounts = batch.stream().map(ClaimedDelivery::accountId).distinct().toArray(Long[]::new);
        Map<Long, String> paused = new HashMap<>();
        jdbc.sql("""
                select account_id, paused, reason from dispatch_gate where account_id = 0 or account_id = any(:accounts)
                for share
                """).param("accounts", accounts).query(rs -> {
            if (rs.getBoolean("paused")) {
                paused.put(rs.getLong("account_id"), rs.getString("reason"));
            }
        });
        Instant now = clock.instant();
        Set<UUID> overridden = paused.isEmpty() ? Set.of()
                : deliveries.overrideStands(batch.stream().filter(ClaimedDelivery::pauseOverride).toList());
        List<ClaimedDelivery> passing = new ArrayList<>(batch.size());
        for (ClaimedDelivery delivery : batch) {
            long gate = paused.containsKey(EVERYTHING) ? EVERYTHING : delivery.accountId();
            if (paused.containsKey(gate) && !overridden.contains(delivery.id())) {
                deliveries.holdForPause(delivery, instance, "paused: " + paused.get(gate), now);
            } else {
                passing.add(delivery);
            }
        }
        Set<UUID> marked = deliveries.markStarted(passing, now);
        return passing.stream().filter(d -> marked.contains(d.id())).toList();
    }

    /**
     * For a publication that takes several platform requests (Instagram): whether its next request may still start.
     * The same share lock as {@link #enter}: a pause either comes first (and the rest is not sent) or waits until
     * this answer is given, while the delivery already counts as in flight and is reported.
     */
    @Transactional
    public boolean mayContinue(ClaimedDelivery delivery) {
        boolean paused = jdbc.sql("select paused from dispatch_gate where account_id = 0 or account_id = :account for share")
                .param("account", delivery.accountId()).query(Boolean.class).list().stream().anyMatch(p -> p);
        return !paused || delivery.pauseOverride() && !deliveries.overrideStands(List.of(delivery)).isEmpty();
    }

    /** Lets an approved emergency post go out during a pause (§6-③ イ); ADMIN only, with a reason, audited. */
    @Transactional
    public List<DeliveryView> overrideForEmergency(String username, PostId postId, @Nullable String reason) {
        ActingStaff.requireDecisionScope(username);
        Staff actor = staff.byUsername(username);
        if (!actor.mayOverridePauses()) {
            throw new NotPermittedException("crisis.overrideAdminOnly", "only an admin may override a pause");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("crisis.reasonRequired", "an override needs a reason");
        }
        Post post = posts.get(postId);
        if (post.content().category() != PostCategory.EMERGENCY) {
            throw new InvalidRequestException("crisis.overrideEmergencyOnly",
                    "only a post of category EMERGENCY may be sent during a pause");
        }
        if (post.status() != PostStatus.APPROVED) {
            throw new IllegalTransitionException("post.illegalTransition",
                    "cannot override a pause for a post that is " + post.status(), "overridePause", post.status());
        }
        boolean paused = jdbc.sql("select count(*) from dispatch_gate where paused and (account_id = 0 or account_id = any(:accounts))")
                .param("accounts", post.accountIds().toArray(Long[]::new)).query(Long.class).single() > 0;
        if (!paused) {
            // an override is given for a pause; one given in advance would let the post through the next pause unseen
            throw new IllegalTransitionException("crisis.overrideNeedsPause",
                    "none of the post's accounts is paused: there is nothing to override", "overridePause", "RUNNING");
        }
        return pausedDeliveries.overridePause(postId, clock.instant(), reason.strip(), actor.username());
    }

    private List<DeliveryView> awaitInFlight(@Nullable Long accountId) {
        List<UUID> inFlight = sendLog.inFlight(accountId).stream().map(DeliveryView::id).toList();
        // wall time, not the injected clock: this bounds how long the caller waits, it is no business time
        long deadline = System.nanoTime() + properties.inFlightWait().toNanos();
        List<DeliveryView> current = sendLog.byIds(inFlight);
        while (current.stream().anyMatch(d -> d.status() == DeliveryStatus.SENDING) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            current = sendLog.byIds(inFlight);
        }
        return new ArrayList<>(current);
    }

    /**
     * A dispatcher holds a share lock on the gate rows for the moment it decides; one that froze right then keeps it
     * until PostgreSQL ends its idle transaction. The pause waits that long rather than fail: late, never refused.
     */
    private void waitForGateRowsPastAFrozenInstance() {
        jdbc.sql("select set_config('lock_timeout', :timeout, true)")
                .param("timeout", database.pauseLockTimeout().toMillis() + "ms").query().listOfRows();
    }

    private Staff mayPause(String username) {
        Staff actor = staff.byUsername(username);
        if (!actor.handlesEveryAccount()) {
            throw new NotPermittedException("crisis.notPermitted", "pausing and resuming needs the ADMIN or PR_OFFICER role");
        }
        return actor;
    }

    private long gate(@Nullable Long accountId) {
        if (accountId == null) {
            return EVERYTHING;
        }
        accounts.get(accountId);
        return accountId;
    }

    private static String label(@Nullable Long accountId) {
        return accountId == null ? "ALL" : accountId.toString();
    }
}
