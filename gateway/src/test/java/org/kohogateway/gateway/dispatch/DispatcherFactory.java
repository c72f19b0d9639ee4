package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;

import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.policy.PolicyRules;
import org.kohogateway.gateway.post.Deliveries;
import org.springframework.boot.test.context.TestComponent;

/** Builds extra dispatchers on the same database, standing in for other gateway instances. */
@TestComponent
public class DispatcherFactory {

    private final Deliveries deliveries;
    private final ConnectorRegistry connectors;
    private final Clock clock;
    private final PolicyRules rules;
    private final Pauses pauses;
    private final SendGuards guards;
    private final DispatchMetrics metrics;
    private final DispatchProperties configured;

    DispatcherFactory(Deliveries deliveries, ConnectorRegistry connectors, Clock clock, PolicyRules rules,
            Pauses pauses, SendGuards guards, DispatchMetrics metrics, DispatchProperties configured) {
        this.metrics = metrics;
        this.configured = configured;
        this.deliveries = deliveries;
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
        return new Dispatcher(deliveries, connectors, properties, clock, rules, pauses, guards, metrics);
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
        return new Dispatcher(deliveries, connectors, properties, clock, rules, pauses, guards, metrics);
    }
}
