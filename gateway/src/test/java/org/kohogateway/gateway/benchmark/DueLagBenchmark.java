package org.kohogateway.gateway.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.dispatch.DispatcherFactory;
import org.kohogateway.gateway.post.OutboxLoader.Loaded;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Scenario 2 (issue 9): deliveries due one after another over a minute, sent by a running dispatcher with the
 * production defaults (poll 200 ms, concurrency 16); the lag of each from its due time to its request reaching the
 * stub, and how many arrived before their time.
 */
class DueLagBenchmark extends LoadedGateway {

    private final int deliveries = size("lag.deliveries", 10_000);
    private final Duration spread = Duration.ofSeconds(size("lag.spread-s", 60));
    private final int latency = size("lag.latency-ms", 0);

    @Autowired
    DispatcherFactory dispatchers;

    @Test
    void dueTimeLag() {
        World world = data.world();
        Map<String, Long> byToken = lineAccounts(world, 50);
        List<Long> accounts = byToken.values().stream().sorted().toList();
        // the first delivery falls due once the load is surely done
        Instant first = Instant.now().plusSeconds(15);
        long step = spread.toNanos() / deliveries;
        List<Loaded> loaded = outbox.load(approval(world), accounts, deliveries, 1, i -> first.plusNanos(i * step),
                "時刻どおりベンチマーク");
        vacuum();
        LINE.reset();
        LINE.latency(latency);
        Dispatcher dispatcher = dispatchers.running("bench-lag-" + TestData.unique(), 16, Duration.ofMillis(200));
        dispatcher.start();
        try {
            awaitSent(ids(loaded), deliveries, spread.plusMinutes(5));
        } finally {
            dispatcher.stop();
        }
        Map<String, Instant> due = new HashMap<>();
        loaded.forEach(l -> due.put(l.id().toString(), l.dueAt()));
        double[] lag = LINE.arrivals().stream().filter(a -> due.containsKey(a.retryKey()))
                .mapToDouble(a -> Duration.between(due.get(a.retryKey()), a.at()).toNanos() / 1e6).toArray();
        if (lag.length != deliveries) {
            throw new IllegalStateException(deliveries + " deliveries but " + lag.length + " requests");
        }
        long early = java.util.Arrays.stream(lag).filter(l -> l < 0).count();
        double p50 = percentile(lag.clone(), 50);
        double p99 = percentile(lag.clone(), 99);
        double max = percentile(lag, 100);
        System.out.printf("%ndue-time lag: %,d deliveries due over %d s, stub %d ms: p50 %.0f ms, p99 %.0f ms, "
                + "max %.0f ms, %d early%n", deliveries, spread.toSeconds(), latency, p50, p99, max, early);
        System.out.printf("RESULT due_lag_p50_ms=%.1f%n", p50);
        System.out.printf("RESULT due_lag_p99_ms=%.1f%n", p99);
        System.out.printf("RESULT due_lag_max_ms=%.1f%n", max);
        System.out.printf("RESULT due_early_count=%d%n", early);
    }
}
