package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.media.MediaItems;
import org.kohogateway.gateway.policy.PolicyRules;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Reconciliation;
import org.springframework.boot.test.context.TestComponent;

/** Builds extra dispatchers on the same database, standing in for other gateway instances. */
@TestComponent
public class DispatcherFactory {

    private final Deliveries deliveries;
    private final Reconciliation reconciliation;
    private final ConnectorRegistry connectors;
    private final Clock clock;
    private final PolicyRules rules;
    private final Pauses pauses;
    private final SendGuards guards;
    private final DispatchMetrics metrics;
    private final DispatchProperties configured;
    private final MediaItems mediaItems;
    private final PlatformProperties platforms;

    DispatcherFactory(Deliveries deliveries, Reconciliation reconciliation, ConnectorRegistry connectors, Clock clock,
            PolicyRules rules, Pauses pauses, SendGuards guards, DispatchMetrics metrics, DispatchProperties configured,
            MediaItems mediaItems, PlatformProperties platforms) {
        this.platforms = platforms;
        this.metrics = metrics;
        this.mediaItems = mediaItems;
        this.configured = configured;
        this.deliveries = deliveries;
        this.reconciliation = reconciliation;
        this.connectors = connectors;
        this.clock = clock;
        this.rules = rules;
        this.pauses = pauses;
        this.guards = guards;
    }

    public Dispatcher create(String instance) {
        return create(instance, Duration.ofMinutes(2));
    }

    /** A dispatcher whose claims hold for {@code lease} (renewed every third of it while they are held). */
    public Dispatcher create(String instance, Duration lease) {
        DispatchProperties properties = new DispatchProperties(false, Duration.ofMillis(50), 8, lease, 5,
                Duration.ofSeconds(10), Duration.ofMinutes(15), instance, Duration.ofMinutes(30));
        return new Dispatcher(deliveries, reconciliation, connectors, properties, clock, rules, pauses, guards, metrics,
                mediaItems, new DrillSends(connectors, platforms), platforms);
    }

    /**
     * A dispatcher standing in for another instance with parts of its own: its connector registry, guards or clock
     * (null: the gateway's). Its loop runs once {@link Dispatcher#start()} is called.
     */
    public Dispatcher custom(String instance, ConnectorRegistry ownConnectors, SendGuards ownGuards, Clock ownClock) {
        DispatchProperties properties = new DispatchProperties(true, Duration.ofMillis(50), 8, Duration.ofMinutes(2), 5,
                Duration.ofSeconds(10), Duration.ofMinutes(15), instance, Duration.ofMinutes(30));
        ConnectorRegistry registry = ownConnectors != null ? ownConnectors : connectors;
        return new Dispatcher(deliveries, reconciliation, registry, properties, ownClock != null ? ownClock : clock, rules,
                pauses, ownGuards != null ? ownGuards : guards, metrics, mediaItems, new DrillSends(registry, platforms),
                platforms);
    }

    /** A dispatcher whose loop, once started, polls every {@code pollInterval} and reads time from {@code ownClock}. */
    public Dispatcher polling(String instance, Duration pollInterval, Clock ownClock) {
        DispatchProperties properties = new DispatchProperties(true, pollInterval, 8, Duration.ofMinutes(2), 5,
                Duration.ofSeconds(10), Duration.ofMinutes(15), instance, Duration.ofMinutes(30));
        return new Dispatcher(deliveries, reconciliation, connectors, properties, ownClock, rules, pauses, guards, metrics,
                mediaItems, new DrillSends(connectors, platforms), platforms);
    }

    /**
     * Claims due deliveries as {@code instance} and keeps only this one claimed: the others (other tests' due
     * deliveries on the shared database) are put back as they were.
     */
    public ClaimedDelivery claimOnly(UUID deliveryId, String instance, Duration lease) {
        List<ClaimedDelivery> claimed = deliveries.claim(clock.instant(), 1000, instance, lease);
        claimed.stream().filter(c -> !c.id().equals(deliveryId))
                .forEach(c -> deliveries.defer(c, instance, c.dueAt(), "claimed by a test for another delivery",
                        clock.instant()));
        return claimed.stream().filter(c -> c.id().equals(deliveryId)).findFirst().orElseThrow();
    }

    /** The gateway's configured {@code gateway.dispatch.concurrency} (the production default unless a test set it). */
    public int configuredConcurrency() {
        return configured.concurrency();
    }

    /** The gateway's configured {@code gateway.dispatch.poll-interval}. */
    public Duration configuredPollInterval() {
        return configured.pollInterval();
    }

    /**
     * A dispatcher whose loop runs once {@link Dispatcher#start()} is called, configured as the production defaults
     * are unless told otherwise; for benchmarks.
     */
    public Dispatcher running(String instance, int concurrency, Duration pollInterval) {
        DispatchProperties properties = new DispatchProperties(true, pollInterval, concurrency, Duration.ofMinutes(2), 5,
                Duration.ofSeconds(10), Duration.ofMinutes(15), instance, Duration.ofMinutes(30));
        return new Dispatcher(deliveries, reconciliation, connectors, properties, clock, rules, pauses, guards, metrics,
                mediaItems, new DrillSends(connectors, platforms), platforms);
    }
}
