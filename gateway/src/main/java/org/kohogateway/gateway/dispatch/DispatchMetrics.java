package org.kohogateway.gateway.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators watch (exported at /actuator/prometheus): the outbox by state, how late sends start after their due
 * time, sends by platform and outcome, open circuit breakers and paused accounts.
 */
@Component
class DispatchMetrics {

    /** The states counted often: a delivery leaves them, or someone has to act on it there. */
    static final EnumSet<DeliveryStatus> OPEN = EnumSet.of(DeliveryStatus.WAITING, DeliveryStatus.SCHEDULED,
            DeliveryStatus.HELD, DeliveryStatus.SENDING, DeliveryStatus.UNCERTAIN, DeliveryStatus.FAILED);

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Timer lag;
    private final Map<DeliveryStatus, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong paused = new AtomicLong();
    private final AtomicLong lastClaimRound = new AtomicLong();

    DispatchMetrics(MeterRegistry registry, JdbcClient jdbc, SendGuards guards) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.lag = Timer.builder("gateway.dispatch.lag")
                .description("time from a delivery's due time to the start of its platform request")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            AtomicLong value = new AtomicLong();
            byStatus.put(status, value);
            Gauge.builder("gateway.deliveries", value, AtomicLong::get)
                    .description("deliveries by state").tag("status", status.name()).register(registry);
        }
        Gauge.builder("gateway.circuit.open", guards, SendGuards::openBreakers)
                .description("accounts whose circuit breaker is open").register(registry);
        Gauge.builder("gateway.paused", paused, AtomicLong::get)
                .description("paused gates (accounts, and 1 more when everything is paused)").register(registry);
        Gauge.builder("gateway.dispatch.last.claim.round", lastClaimRound, AtomicLong::get)
                .description("when this instance's dispatch loop last began a claim round (Unix seconds, wall clock): "
                        + "a value that stops moving is a stalled loop")
                .register(registry);
    }

    /** Wall time, not the injected clock: it tells operators whether the loop is alive now. */
    void claimRound() {
        lastClaimRound.set(System.currentTimeMillis() / 1000);
    }

    void started(ClaimedDelivery d, Instant now) {
        if (d.dueAt() != null && !now.isBefore(d.dueAt())) {
            lag.record(Duration.between(d.dueAt(), now));
        }
    }

    void outcome(ClaimedDelivery d, String outcome) {
        Counter.builder("gateway.sends").description("platform sends by outcome")
                .tag("platform", d.platform().name()).tag("outcome", outcome).register(registry).increment();
    }

    /**
     * The states someone may have to act on, recounted every {@code gateway.metrics.refresh}: each through a partial
     * index (delivery_due, delivery_sending, delivery_held, delivery_unsettled), so the count reads those deliveries
     * only, however long the history grows. Refreshed on a timer rather than on every scrape.
     */
    @Scheduled(fixedDelayString = "${gateway.metrics.refresh:15s}")
    void refresh() {
        countOpen();
        paused.set(jdbc.sql("select count(*) from dispatch_gate where paused").query(Long.class).single());
    }

    /**
     * The states a delivery ends in (sent, cancelled…), recounted every {@code gateway.metrics.history-refresh}: that
     * count reads the whole history (148 ms of PostgreSQL CPU at 1,000,000 deliveries, issue 20), and every instance
     * makes it.
     */
    @Scheduled(fixedDelayString = "${gateway.metrics.history-refresh:10m}")
    void refreshHistory() {
        Set<DeliveryStatus> finished = EnumSet.complementOf(OPEN);
        Map<DeliveryStatus, Long> counted = counts(jdbc.sql("""
                select status, count(*) as n from delivery where status = any(:states) group by status
                """).param("states", finished.stream().map(Enum::name).toArray(String[]::new)));
        finished.forEach(state -> byStatus.get(state).set(counted.getOrDefault(state, 0L)));
    }

    /** One count for each open state, so that each finds its own partial index. */
    static String countOfOpen() {
        return OPEN.stream().map(s -> "select '" + s.name() + "' as status, count(*) as n from delivery where status = '"
                + s.name() + "'").collect(Collectors.joining(" union all "));
    }

    private void countOpen() {
        counts(jdbc.sql(countOfOpen())).forEach((state, n) -> byStatus.get(state).set(n));
    }

    private static Map<DeliveryStatus, Long> counts(JdbcClient.StatementSpec statement) {
        Map<DeliveryStatus, Long> counted = new EnumMap<>(DeliveryStatus.class);
        statement.query().listOfRows().forEach(r -> counted.put(DeliveryStatus.valueOf((String) r.get("status")),
                ((Number) r.get("n")).longValue()));
        return counted;
    }
}
