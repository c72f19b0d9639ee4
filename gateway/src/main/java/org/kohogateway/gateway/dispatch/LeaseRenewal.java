package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of one dispatcher's claims alive while it holds them — waiting for a request slot or in flight —
 * by renewing them every third of a lease: a lease lives as long as the work, however slow the platform (Instagram's
 * publication can take minutes). A claim is lost only if the instance stops renewing for a whole lease (it died or
 * hung); the gate and the outcome are fenced by the claim's token, so a lost claim sends and records nothing.
 */
final class LeaseRenewal {

    private static final Logger log = LoggerFactory.getLogger(LeaseRenewal.class);

    private final Deliveries deliveries;
    private final Clock clock;
    private final Duration lease;
    /** Claims held (delivery id to claim token). */
    private final Map<UUID, UUID> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dispatcher-lease-renewal").daemon().factory());

    LeaseRenewal(Deliveries deliveries, Clock clock, Duration lease) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.lease = lease;
        long every = Math.max(1, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    void hold(ClaimedDelivery d) {
        held.put(d.id(), d.claimToken());
    }

    void release(ClaimedDelivery d) {
        held.remove(d.id(), d.claimToken());
    }

    void stop() {
        timer.shutdownNow();
    }

    /** A failure is logged and tried again a third of a lease later, well before the lease runs out. */
    private void renew() {
        try {
            Set<UUID> tokens = Set.copyOf(held.values());
            int renewed = deliveries.renewLeases(tokens, clock.instant().plus(lease));
            if (renewed < tokens.size()) {
                // finished meanwhile, or taken over after this instance stalled longer than a lease
                log.debug("{} of {} claims were not renewed", tokens.size() - renewed, tokens.size());
            }
        } catch (RuntimeException e) {
            log.warn("renewing the dispatcher's leases failed; trying again in a third of a lease", e);
        }
    }
}
