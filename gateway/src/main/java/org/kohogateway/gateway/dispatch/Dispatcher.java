package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.media.MediaItems;
import org.kohogateway.gateway.policy.Candidate;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.PlatformCapabilities;
import org.kohogateway.gateway.policy.PolicyRules;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.DeliveryOutcome;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Claims due deliveries with {@code FOR UPDATE SKIP LOCKED} and sends each through its account's connector
 * outside the claiming transaction. The claim sees time only through the injected clock, and only claims
 * deliveries whose due time has come, so nothing goes out early.
 *
 * <p>At most {@code concurrency} platform requests are in flight. The dispatcher claims up to three times as many
 * deliveries, so that the next requests are ready (rules checked, guards asked) when a request finishes; each still
 * passes the pause gate only when its request is about to start. Asking the guards, passing the gate and recording
 * outcomes happen in group transactions ({@link GroupCommit}) shared by the senders that arrive together.
 *
 * <p>Each claim carries its own token, and every step after the claim applies only while the delivery still carries
 * it; {@link LeaseRenewal} keeps the leases of the claims held alive as long as the work.
 *
 * <p>Over the gateway's usual class size: the claim-ahead loop, the gate and the outcome classification share
 * the two semaphores and the in-flight bookkeeping, and read best together; a drill's path ({@link DrillSends}) goes
 * through the same gate, slots and outcomes, so it sits beside the send it replaces.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);
    private static final Duration GROUP_LINGER = Duration.ofMillis(3);
    /** At most 100 claims a second from waking for due times. */
    private static final Duration SHORTEST_SLEEP = Duration.ofMillis(10);
    /** LINE keeps an X-Line-Retry-Key 24 hours; an hour's margin for clocks and the attempt's own duration. */
    private static final Duration RETRY_KEY_LIFETIME = Duration.ofHours(23);

    private final Deliveries deliveries;
    private final Reconciliation reconciliation;
    private final ConnectorRegistry connectors;
    private final DispatchProperties properties;
    private final Clock clock;
    private final PolicyRules rules;
    private final Pauses pauses;
    private final SendGuards guards;
    private final DispatchMetrics metrics;
    private final MediaItems mediaItems;
    private final DrillSends drills;
    private final String instance;
    /** Claimed deliveries not yet finished: bounds how far the claim runs ahead of the requests. */
    private final Semaphore work;
    private final int claimAhead;
    /** How many deliveries a claim gathers while the request slots have enough waiting ({@link #moreWork}). */
    private final int claimBatch;
    /** Platform requests in flight; fair, so claimed deliveries go out in the order they wait. */
    private final Semaphore requests;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Platforms on which a repeat of a delivery cannot post twice: LINE by its retry key (for 24 hours), Bluesky by the
     * record key derived from the delivery (for ever).
     */
    private final Set<Platform> deduplicating = EnumSet.of(Platform.LINE, Platform.BLUESKY);
    /** Senders that ask the guards together are admitted in one transaction. */
    private final GroupCommit<ClaimedDelivery, Optional<SendGuards.Wait>> admissions;
    /** Senders that reach the pause gate together pass it in one transaction. */
    private final GroupCommit<ClaimedDelivery, Boolean> gate;
    /**
     * Outcomes that arrive together are recorded in one transaction; two such groups at once, so that outcomes arriving
     * while one commits need not wait for it before their own starts.
     */
    private final GroupCommit<DeliveryOutcome, Boolean> outcomes;
    private final LeaseRenewal leases;
    private volatile boolean running;
    private volatile @Nullable Thread loop;
    private Instant lastRecovery = Instant.EPOCH;
    /** The time the last claim looked for due deliveries at. */
    private Instant lastClaimAt = Instant.EPOCH;
    /** YouTube deliveries are claimed this long before their time (gateway.platforms.youtube.upload-lead). */
    private final Duration uploadLead;

    Dispatcher(Deliveries deliveries, Reconciliation reconciliation, ConnectorRegistry connectors,
            DispatchProperties properties, Clock clock, PolicyRules rules, Pauses pauses, SendGuards guards,
            DispatchMetrics metrics, MediaItems mediaItems, DrillSends drills, PlatformProperties platforms) {
        this.metrics = metrics;
        this.uploadLead = platforms.youtube().uploadLead();
        this.drills = drills;
        this.mediaItems = mediaItems;
        this.deliveries = deliveries;
        this.reconciliation = reconciliation;
        this.rules = rules;
        this.pauses = pauses;
        this.guards = guards;
        this.connectors = connectors;
        this.properties = properties;
        this.clock = clock;
        this.instance = properties.instance();
        // three times, not twice: at 0 ms the claimed deliveries queue for the outcome groups' commits, and with twice
        // the loop waited for permits while PostgreSQL stood idle (issue 20: with two outcome groups, faster in 10 of
        // 12 rounds taken in turns, by a median of 5 %)
        this.claimAhead = 3 * properties.concurrency();
        this.claimBatch = Math.max(1, properties.concurrency() / 4);
        this.work = new Semaphore(claimAhead);
        this.requests = new Semaphore(properties.concurrency(), true);
        // admissions and outcomes linger a little for company: nobody waits for them with a request slot taken, and
        // at a platform's real latency senders arrive one by one (a transaction each, issue 20)
        this.admissions = new GroupCommit<>(claimAhead, 1, GROUP_LINGER, guards::admitAll);
        // two gate groups at once: a sender waits at the gate holding a request slot, so it must not also wait for
        // the group before its own to commit (issue 20: 2.8 ms of every 50 ms request's slot went to the gate)
        this.gate = new GroupCommit<>(properties.concurrency(), 2, Duration.ZERO, batch -> {
            Set<UUID> started = pauses.enter(batch, instance).stream().map(ClaimedDelivery::id).collect(Collectors.toSet());
            return batch.stream().map(d -> started.contains(d.id())).toList();
        });
        this.outcomes = new GroupCommit<>(properties.concurrency(), 2, GROUP_LINGER, batch -> {
            deliveries.record(batch, instance, clock.instant());
            return batch.stream().map(o -> true).toList();
        });
        this.leases = new LeaseRenewal(deliveries, clock, properties.lease());
    }

    public String instance() {
        return instance;
    }

    /**
     * Dispatches everything due now and waits until those sends are recorded. For tests and tools; the running
     * loop does the same continuously.
     *
     * @return how many deliveries were claimed
     */
    public int drain() {
        int total = 0;
        while (true) {
            int claimed = dispatchOnce();
            if (claimed != 0) {
                total += Math.max(claimed, 0);
                continue;
            }
            awaitIdle();
            claimed = dispatchOnce();
            if (claimed == 0) {
                return total;
            }
            total += Math.max(claimed, 0);
        }
    }

    private void awaitIdle() {
        work.acquireUninterruptibly(claimAhead);
        work.release(claimAhead);
    }

    /**
     * Claims as many due deliveries as may be claimed ahead and hands them to senders.
     *
     * @return how many were claimed, or -1 if nothing more could be claimed for a whole poll interval
     */
    int dispatchOnce() {
        metrics.claimRound();
        recoverExpiredLeases();
        if (!acquireWork()) {
            return -1;
        }
        int permits = 1 + moreWork();
        List<ClaimedDelivery> claimed;
        try {
            lastClaimAt = clock.instant();
            claimed = deliveries.claim(lastClaimAt, permits, instance, properties.lease(), uploadLead);
        } catch (RuntimeException e) {
            work.release(permits);
            throw e;
        }
        work.release(permits - claimed.size());
        // the city's own handles as they stand at the claim, read once for all its deliveries' rules checks
        Map<Platform, Set<String>> cityHandles;
        try {
            cityHandles = claimed.isEmpty() ? Map.of() : rules.cityHandles();
        } catch (RuntimeException e) {
            // the claims are left to their leases' recovery, as a sender that fails is
            work.release(claimed.size());
            throw e;
        }
        for (ClaimedDelivery d : claimed) {
            leases.hold(d);
            senders.execute(() -> {
                try {
                    send(d, cityHandles);
                } finally {
                    leases.release(d);
                    work.release();
                }
            });
        }
        return claimed.size();
    }

    /**
     * Permits beyond the first for this claim: all that are free; and while enough claimed deliveries wait for the
     * request slots to keep them busy, first a batch's worth. Without the wait, at a platform's real latency requests
     * finish one at a time and every claim took one or two deliveries: a claim, its transaction and its audit entry's
     * statement per delivery, where a batch shares them.
     */
    private int moreWork() {
        int queued = claimAhead - work.availablePermits() - 1;
        if (queued >= properties.concurrency() + claimBatch && work.availablePermits() < claimBatch - 1) {
            try {
                if (work.tryAcquire(claimBatch - 1, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    return claimBatch - 1 + takeFree(claimAhead - claimBatch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return takeFree(claimAhead - 1);
    }

    private int takeFree(int atMost) {
        int free = Math.max(0, Math.min(work.availablePermits(), atMost));
        return work.tryAcquire(free) ? free : 0;
    }

    private boolean acquireWork() {
        try {
            return work.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void recoverExpiredLeases() {
        Instant now = clock.instant();
        boolean recentlyDone = !now.isBefore(lastRecovery) && now.isBefore(lastRecovery.plus(RECOVERY_INTERVAL));
        if (recentlyDone) {
            return;
        }
        lastRecovery = now;
        int recovered = reconciliation.recoverExpiredLeases(now, deduplicating);
        if (recovered > 0) {
            log.warn("recovered {} deliveries whose dispatcher lease expired", recovered);
        }
    }

    private void send(ClaimedDelivery d, Map<Platform, Set<String>> cityHandles) {
        Instant now = clock.instant();
        if (!d.pauseOverride() && d.scheduledFor() != null
                && now.isAfter(d.scheduledFor().plus(properties.maxLateness()))) {
            deliveries.holdAsOverdue(d, instance, "it was meant for " + d.scheduledFor() + " and would go out more than "
                    + properties.maxLateness().toMinutes() + " minutes late: give it a new time or cancel it", now);
            metrics.outcome(d, "held");
            return;
        }
        if (d.platform() == Platform.LINE && d.firstStartedAt() != null
                && now.isAfter(d.firstStartedAt().plus(RETRY_KEY_LIFETIME))) {
            deliveries.uncertain(d, instance, "its first attempt started at " + d.firstStartedAt() + ", and "
                    + d.platform() + " forgets a retry key after 24 hours: an earlier attempt may have been delivered, "
                    + "so look before sending it again", now);
            metrics.outcome(d, "unknown");
            return;
        }
        if (!d.matchesApproval()) {
            deliveries.hold(d, instance, "what would be sent is not what was approved (its content no longer matches "
                    + "the approval's fingerprint): it must be approved again", now);
            metrics.outcome(d, "held");
            return;
        }
        Candidate candidate = d.candidate();
        if (candidate.carriesVideo()) {
            // where the video and the images go depends on every platform the approved post goes to, not this one only
            candidate = candidate.alongside(deliveries.platformsOf(d.approval().postAccountIds()));
        }
        List<Finding> uncovered = rules.check(candidate, cityHandles).stream()
                .filter(f -> f.severity() == Severity.BLOCK
                        || (f.severity() == Severity.ACKNOWLEDGE && !d.acknowledged().contains(f.key())))
                .toList();
        if (!uncovered.isEmpty()) {
            deliveries.hold(d, instance, "rules found what the approval did not cover: "
                    + uncovered.stream().map(Finding::key).toList(), clock.instant());
            metrics.outcome(d, "held");
            return;
        }
        if (d.drill()) {
            sendDrill(d);
            return;
        }
        Optional<SendGuards.Wait> wait = admissions.submit(d);
        if (wait.isPresent()) {
            deliveries.defer(d, instance, wait.get().until(), wait.get().reason(), clock.instant());
            metrics.outcome(d, "deferred");
            return;
        }
        PublishOutcome outcome = null;
        try {
            // built before the pause gate: once a request has passed the gate it leaves at once, so a pause that
            // returns after the gate has let it through reports it in flight rather than seeing it leave afterwards
            PlatformConnector connector;
            try {
                connector = connectors.forAccount(d.accountId(), d.platform(), d.credentialsVersion());
            } catch (ConnectorRegistry.ConnectorUnavailableException e) {
                deliveries.failed(d, instance, e.getMessage(), clock.instant());
                return;
            }
            requests.acquireUninterruptibly();
            try {
                if (!gate.submit(d)) {
                    metrics.outcome(d, "paused");
                    return;
                }
                metrics.started(d, clock.instant());
                outcome = publish(connector, d);
            } finally {
                requests.release();
            }
            metrics.outcome(d, switch (outcome) {
                case PublishOutcome.Published p -> "published";
                case PublishOutcome.Transient t -> "transient";
                case PublishOutcome.Permanent p -> "permanent";
                case PublishOutcome.Unknown u -> "unknown";
            });
            record(d, outcome, connector.deduplicatesRetries());
        } finally {
            // the breaker permission from admit is settled on every path, exceptions included: a leaked one would
            // keep a half-open breaker from ever admitting its probe again
            if (outcome == null) {
                guards.release(d);
            } else {
                guards.record(d, outcome);
            }
        }
    }

    /**
     * A drill never reaches the public account ({@link DrillSends}); it skips the account's guards, which count and
     * pace what goes public.
     */
    private void sendDrill(ClaimedDelivery d) {
        DrillSends.Result result;
        // a request slot only for a drill that pushes: one sent nowhere waits for nobody's request to finish
        AtomicBoolean holdsSlot = new AtomicBoolean();
        try {
            result = drills.send(d, () -> {
                requests.acquireUninterruptibly();
                holdsSlot.set(true);
                boolean started = gate.submit(d);
                if (started) {
                    metrics.started(d, clock.instant());
                }
                return started;
            });
        } finally {
            if (holdsSlot.get()) {
                requests.release();
            }
        }
        switch (result) {
            case DrillSends.Skipped s -> {
                metrics.outcome(d, "drill");
                outcomes.submit(DeliveryOutcome.drillSkipped(d, s.reason()));
            }
            case DrillSends.Paused p -> metrics.outcome(d, "paused");
            case DrillSends.Pushed p -> {
                metrics.outcome(d, "drill");
                record(d, p.outcome(), true);
            }
        }
    }

    private PublishOutcome publish(PlatformConnector connector, ClaimedDelivery d) {
        // a post to YouTube and elsewhere: the video goes to YouTube, the images to the others, as the rules said
        PlatformCapabilities takes = PlatformCapabilities.of(connector.platform());
        List<MediaItem> media;
        try {
            media = mediaItems.forDelivery(d.content().media().stream().filter(m -> takes.receives(m.contentType()))
                    .map(m -> new MediaItems.Approved(m.mediaId(), m.sha256(), m.altText())).toList());
        } catch (MediaItems.ApprovedBytesChanged e) {
            // nothing left: sending a picture nobody approved is worse than not sending; a person looks
            return new PublishOutcome.Permanent("not sent: " + e.getMessage());
        } catch (RuntimeException e) {
            // the store could not be read (a lost connection, a missing chunk): the platform was not called, so this
            // is a retry, never a delivery left SENDING for the lease to find and take for "possibly out"
            return new PublishOutcome.Transient("the approved images could not be read, nothing was sent: " + e,
                    Optional.empty());
        }
        // images pasted as addresses before uploads existed come first, as they did
        List<MediaItem> images = Stream.concat(UrlOnlyMedia.asMediaItems(d.content().mediaUrls()).stream()
                .filter(m -> takes.receives(m.contentType())), media.stream()).toList();
        try {
            // the approved time: YouTube holds the video until then and publishes it itself; the others ignore it
            return connector.publish(new Publication(d.id(), d.text(), d.links(), images, d.noReplies(),
                    d.content().replyTo(), d.content().quoteOf(), d.attempt(), d.scheduledFor()),
                    () -> pauses.mayContinue(d));
        } catch (RuntimeException e) {
            // a connector must not throw; if one does, the request may have left, so treat it as unknown
            return new PublishOutcome.Unknown("connector error: " + e);
        }
    }

    private void record(ClaimedDelivery d, PublishOutcome outcome, boolean deduplicates) {
        DeliveryOutcome recorded = switch (outcome) {
            case PublishOutcome.Published p -> d.drill()
                    ? DeliveryOutcome.drillSent(d, p.platformPostId())
                    : DeliveryOutcome.sent(d, p.platformPostId());
            case PublishOutcome.Permanent p -> DeliveryOutcome.failed(d, p.reason());
            case PublishOutcome.Transient t -> retryOrFail(d, t.reason(), t.retryAfter().orElse(null));
            case PublishOutcome.Unknown u -> !deduplicates ? DeliveryOutcome.uncertain(d, u.reason())
                    : d.attempt() >= properties.maxAttempts()
                            // the last answer was lost too: it may have arrived, so a person looks, never FAILED
                            ? DeliveryOutcome.uncertain(d, u.reason() + " (after " + d.attempt() + " attempts)")
                            : DeliveryOutcome.retryAfterUnknown(d, clock.instant().plus(backoff(d.attempt())),
                                    u.reason());
        };
        if (recorded.next() == DeliveryStatus.FAILED && d.earlierOutcomeUnknown()) {
            // an earlier attempt's answer was lost: it may be out, so a person looks rather than read FAILED
            recorded = DeliveryOutcome.uncertain(d, recorded.error() + "; an earlier attempt's answer was lost, so "
                    + "it may already have been delivered");
        }
        // a suspended, locked or capped account shows on the channels' page; the delivery's state is decided above
        outcomes.submit(outcome.trouble().map(recorded::because).orElse(recorded));
    }

    private DeliveryOutcome retryOrFail(ClaimedDelivery d, String reason, @Nullable Duration hint) {
        if (d.attempt() >= properties.maxAttempts()) {
            return DeliveryOutcome.failed(d, reason + " (gave up after " + d.attempt() + " attempts)");
        }
        Duration delay = hint != null ? hint : backoff(d.attempt());
        return DeliveryOutcome.retryLater(d, clock.instant().plus(delay), reason);
    }

    private Duration backoff(int attempt) {
        Duration delay = properties.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : delay;
    }

    /**
     * How long a loop whose claim found nothing sleeps: until the next delivery falls due, within the poll interval.
     * Sleeping the whole interval left a delivery due just after an empty claim waiting up to 200 ms (issue 20: the
     * due lag's median was 114 ms once an empty claim returned at once). Not less than {@link #SHORTEST_SLEEP}, so that
     * deliveries due a millisecond apart that the claim passes over (a paused account's) cannot make the loop spin.
     */
    private Duration sleepAfterEmptyClaim() {
        Duration poll = properties.pollInterval();
        Duration shortest = SHORTEST_SLEEP.compareTo(poll) < 0 ? SHORTEST_SLEEP : poll;
        // due after the time the claim looked at, not after now: one that fell due in between is not passed over
        Instant looked = lastClaimAt;
        Instant now = clock.instant();
        return deliveries.nextDue(looked, looked.plus(poll)).map(due -> Duration.between(now, due))
                .map(wait -> wait.compareTo(shortest) < 0 ? shortest : wait).orElse(poll);
    }

    private void loop() {
        while (running) {
            try {
                if (dispatchOnce() == 0) {
                    LockSupport.parkNanos(sleepAfterEmptyClaim().toNanos());
                }
            } catch (Throwable e) {
                // whatever it was (an Error too), the loop goes on: a dead loop would leave this instance up and
                // ready while nothing is sent; the last-claim-round gauge and readiness show a loop that stalls
                log.error("dispatch round failed; retrying after the poll interval", e);
                LockSupport.parkNanos(properties.pollInterval().toNanos());
            }
        }
    }

    @Override
    public void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("dispatcher").daemon().start(this::loop);
        log.info("dispatcher {} started (poll {}, concurrency {})", instance, properties.pollInterval(),
                properties.concurrency());
    }

    @Override
    public void stop() {
        running = false;
        Thread t = loop;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdown();
        try {
            senders.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leases.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
