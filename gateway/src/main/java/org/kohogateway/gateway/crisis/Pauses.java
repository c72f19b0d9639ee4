package org.kohogateway.gateway.crisis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pausing and resuming. The guarantee — once {@link #pause} returns, no platform request for the paused accounts
 * starts, on any instance — rests on the gate rows: {@link #enter} holds a share lock on them while it decides and
 * marks the delivery started, and pausing updates them, so the two are ordered by PostgreSQL. A pause may name who may
 * still post; the gate applies {@link Pause#stops} and nothing else. However a pause ends (a person, or its end time),
 * what it held stays held for a decision.
 *
 * <p>Longer than the gateway's other services: pausing, the gate's two checks and ending a pause are one guarantee
 * about the same rows and read best together.
 */
@Service
public class Pauses {

    private static final long EVERYTHING = 0;

    /** Who ends a pause when its end time has come, as the audit trail and the notifications name it. */
    public static final String SCHEDULE = "schedule";

    /** The most held deliveries of each kind a resume lists; the send log shows them all. */
    private static final int LISTED_AT_RESUME = 1_000;

    private static final String SELECT_PAUSE = """
            select account_id, paused, reason, paused_by, paused_at, except_department_id, except_category, ends_at
            from dispatch_gate""";

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
    private final ObjectProvider<PlatformSchedules> schedules;

    Pauses(JdbcClient jdbc, Deliveries deliveries, PausedDeliveries pausedDeliveries, SendLog sendLog,
            StaffDirectory staff, OfficialAccounts accounts, PostWorkflow posts, AuditTrail audit,
            CrisisProperties properties, Clock clock, PlatformTransactionManager transactions,
            ApplicationEventPublisher publisher, DatabaseProperties database, ObjectProvider<PlatformSchedules> schedules) {
        this.database = database;
        this.schedules = schedules;
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
        return pause(username, accountId, reason, null, null, null);
    }

    /**
     * Pauses one account (or everything when {@code accountId} is null), letting through only the posts of the named
     * department and/or category, if any, until {@code endsAt}, if given; then waits a little for requests that had
     * already started so it can report their outcome.
     */
    public PauseReport pause(String username, @Nullable Long accountId, @Nullable String reason,
            @Nullable Long exceptDepartmentId, @Nullable PostCategory exceptCategory, @Nullable Instant endsAt) {
        Staff actor = mayPause(username);
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("crisis.reasonRequired", "a pause needs a reason");
        }
        long gate = gate(accountId);
        Instant now = clock.instant();
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw new InvalidRequestException("crisis.endsInPast", "a pause's end time must lie in the future");
        }
        if (exceptDepartmentId != null) {
            staff.department(exceptDepartmentId);
        }
        Pause pause = transaction.execute(status -> {
            waitForGateRowsPastAFrozenInstance();
            int updated = jdbc.sql("""
                    update dispatch_gate set paused = true, reason = :reason, paused_by = :by, paused_at = :at,
                        except_department_id = :department, except_category = :category, ends_at = :endsAt
                    where account_id = :gate and not paused
                    """)
                    .param("reason", reason.strip())
                    .param("by", actor.username())
                    .param("at", Timestamp.from(now))
                    .param("department", exceptDepartmentId)
                    .param("category", exceptCategory == null ? null : exceptCategory.name())
                    .param("endsAt", endsAt == null ? null : Timestamp.from(endsAt))
                    .param("gate", gate)
                    .update();
            if (updated == 0) {
                throw new IllegalTransitionException("crisis.alreadyPaused", "already paused", label(accountId));
            }
            Pause paused = new Pause(accountId, reason.strip(), actor.username(), now, exceptDepartmentId,
                    exceptCategory, endsAt);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reason", paused.reason());
            detail.put("exceptDepartmentId", exceptDepartmentId);
            detail.put("exceptCategory", exceptCategory);
            detail.put("endsAt", endsAt);
            detail.values().removeIf(Objects::isNull);
            audit.record(actor.username(), "PAUSED", "PAUSE", label(accountId), "RUNNING", "PAUSED", detail);
            publisher.publishEvent(PauseChanged.paused(paused));
            return paused;
        });
        List<DeliveryView> inFlight = awaitInFlight(accountId);
        // after the commit and outside any transaction, since it asks the platforms; after the uploads in flight, so
        // that a video whose last bytes were on their way is held back too
        List<PlatformSchedules.HeldBack> heldBack = schedules.orderedStream()
                .flatMap(s -> s.holdBack(pause, actor.username()).stream()).toList();
        return new PauseReport(pause, inFlight, heldBack);
    }

    /**
     * Resumes; nothing held is sent by it. Deliveries whose time passed during the pause are held for a new time,
     * and the report lists every held delivery of the resumed accounts (those the pause stopped included), for a
     * person to send now, reschedule or cancel.
     */
    @Transactional
    public ResumeReport resume(String username, @Nullable Long accountId) {
        Staff actor = mayPause(username);
        gate(accountId);
        waitForGateRowsPastAFrozenInstance();
        return end(accountId, actor.username(), null)
                .orElseThrow(() -> new IllegalTransitionException("crisis.notPaused", "not paused", label(accountId)));
    }

    /**
     * Ends the pauses whose end time has passed, as a resume by {@value #SCHEDULE} would: what was held stays held
     * and is listed for a decision, never sent in a burst.
     */
    @Scheduled(fixedDelayString = "${gateway.crisis.end-check-every:30s}")
    public List<ResumeReport> endDue() {
        Instant now = clock.instant();
        List<Long> due = jdbc.sql("select account_id from dispatch_gate where paused and ends_at <= :now")
                .param("now", Timestamp.from(now)).query(Long.class).list();
        List<ResumeReport> ended = new ArrayList<>();
        for (long gate : due) {
            transaction.execute(status -> {
                waitForGateRowsPastAFrozenInstance();
                return end(gate == EVERYTHING ? null : gate, SCHEDULE, now);
            }).ifPresent(ended::add);
        }
        return ended;
    }

    /** Ends the pause of the gate, if it is paused (and, for a scheduled end, still due at {@code dueBy}). */
    private Optional<ResumeReport> end(@Nullable Long accountId, String actor, @Nullable Instant dueBy) {
        List<String> reasons = jdbc.sql("""
                update dispatch_gate g set paused = false, reason = null, paused_by = null, paused_at = null,
                    except_department_id = null, except_category = null, ends_at = null
                from dispatch_gate before
                where g.account_id = :gate and before.account_id = g.account_id and g.paused
                  and (cast(:dueBy as timestamptz) is null or g.ends_at <= :dueBy)
                returning before.reason
                """)
                .param("gate", accountId == null ? EVERYTHING : accountId)
                .param("dueBy", dueBy == null ? null : Timestamp.from(dueBy))
                .query(String.class).list();
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        String reason = reasons.getFirst();
        Instant now = clock.instant();
        pausedDeliveries.clearOverrides(accountId);
        pausedDeliveries.holdOverdue(accountId, now,
                "its time passed while sending was paused; give it a new time or cancel it", actor);
        List<DeliveryView> held = new ArrayList<>(sendLog.list(DeliveryStatus.HELD, accountId, LISTED_AT_RESUME));
        held.addAll(sendLog.list(DeliveryStatus.UNCERTAIN, accountId, LISTED_AT_RESUME));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("held", held.size());
        if (dueBy != null) {
            detail.put("reason", reason);
        }
        audit.record(actor, "RESUMED", "PAUSE", label(accountId), "PAUSED", "RUNNING", detail);
        publisher.publishEvent(PauseChanged.resumed(accountId, reason, actor, held.size()));
        return Optional.of(new ResumeReport(accountId, held));
    }

    @Transactional(readOnly = true)
    public List<Pause> active() {
        return jdbc.sql(SELECT_PAUSE + " where paused order by account_id").query(Pauses::pause).list();
    }

    /**
     * Called by a dispatcher right before it starts the platform requests of claimed deliveries. Those whose account,
     * or everything, is paused (and to which no emergency override applies) are held; the others are marked started
     * and returned. The share lock on the gate rows is held while deciding and marking, so a pause either comes first
     * (and the delivery is held) or waits until the delivery counts as in flight (and reports it). A delivery whose
     * claim was taken over meanwhile (its lease ran out) is neither: it is left alone and its request does not start.
     *
     * <p>When no gate row is paused — almost always — locking, looking and marking are one statement in a transaction
     * of its own ({@link Deliveries#markStartedUnlessPaused}): the senders wait here with their request slots taken,
     * and the transaction around it, with its bounds and its commit, took two more round trips (2.4 → 1.5 ms a
     * request at 50 ms, issue 20). Its locks end with the statement, so no frozen instance can keep them; what it may
     * wait for, a pause's update, is bounded by the pause's own transaction. Only when a row is paused does a
     * transaction decide delivery by delivery.
     */
    public List<ClaimedDelivery> enter(List<ClaimedDelivery> batch, String instance) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Optional<Set<UUID>> passed = deliveries.markStartedUnlessPaused(batch, clock.instant());
        if (passed.isPresent()) {
            return batch.stream().filter(d -> passed.get().contains(d.id())).toList();
        }
        return Objects.requireNonNull(transaction.execute(status -> enterDuringAPause(batch, instance)));
    }

    private List<ClaimedDelivery> enterDuringAPause(List<ClaimedDelivery> batch, String instance) {
        Long[] accounts = batch.stream().map(ClaimedDelivery::accountId).distinct().toArray(Long[]::new);
        Map<Long, Pause> paused = lockGates("account_id = 0 or account_id = any(:accounts)", "accounts", accounts);
        Instant now = clock.instant();
        Set<UUID> overridden = paused.isEmpty() ? Set.of()
                : deliveries.overrideStands(batch.stream().filter(ClaimedDelivery::pauseOverride).toList());
        List<ClaimedDelivery> passing = new ArrayList<>(batch.size());
        for (ClaimedDelivery delivery : batch) {
            Optional<Pause> stopping = stopping(delivery, paused);
            if (stopping.isPresent() && !overridden.contains(delivery.id())) {
                deliveries.holdForPause(delivery, instance, "paused: " + stopping.get().reason(), now);
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
        Map<Long, Pause> paused = lockGates("account_id = 0 or account_id = :account", "account", delivery.accountId());
        return stopping(delivery, paused).isEmpty()
                || delivery.pauseOverride() && !deliveries.overrideStands(List.of(delivery)).isEmpty();
    }

    /**
     * Share-locks the gate rows the condition names, paused or not, and answers the pauses among them by gate. Every
     * row is locked, not only those paused: a row that a pause has updated but not yet committed still reads as not
     * paused here, and filtering on it would skip the row without waiting for the pause — which could then commit,
     * find nothing in flight and return before this delivery's request starts. Locked, the row is waited for and read
     * as the pause left it.
     */
    private Map<Long, Pause> lockGates(String condition, String name, Object value) {
        Map<Long, Pause> paused = new HashMap<>();
        jdbc.sql(SELECT_PAUSE + " where (" + condition + ") for share")
                .param(name, value).query((rs, row) -> rs.getBoolean("paused") ? pause(rs, row) : null).list().stream()
                .filter(Objects::nonNull)
                .forEach(p -> paused.put(p.accountId() == null ? EVERYTHING : p.accountId(), p));
        return paused;
    }

    /** The pause, of everything or of the delivery's account, that holds this delivery, if one does. */
    private static Optional<Pause> stopping(ClaimedDelivery delivery, Map<Long, Pause> paused) {
        return Stream.of(paused.get(EVERYTHING), paused.get(delivery.accountId()))
                .filter(Objects::nonNull)
                .filter(p -> p.stops(delivery.departmentId(), delivery.content().category()))
                .findFirst();
    }

    private static Pause pause(ResultSet rs, int row) throws SQLException {
        long gate = rs.getLong("account_id");
        Long department = rs.getObject("except_department_id", Long.class);
        String category = rs.getString("except_category");
        Timestamp endsAt = rs.getTimestamp("ends_at");
        return new Pause(gate == EVERYTHING ? null : gate, rs.getString("reason"), rs.getString("paused_by"),
                rs.getTimestamp("paused_at").toInstant(), department,
                category == null ? null : PostCategory.valueOf(category), endsAt == null ? null : endsAt.toInstant());
    }

    /**
     * Whether the account, or everything, is paused: then no request of any kind goes to it (a look-up included),
     * whoever the pause lets post.
     */
    @Transactional(readOnly = true)
    public boolean stopsEveryRequestTo(long accountId) {
        return jdbc.sql("select count(*) from dispatch_gate where paused and (account_id = 0 or account_id = :account)")
                .param("account", accountId).query(Long.class).single() > 0;
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
