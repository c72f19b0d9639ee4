package org.kohogateway.gateway.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
 * production defaults (poll interval and concurrency); the lag of each from its due time to its request reaching the
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
        LINE.latency(latency);
        Dispatcher dispatcher = dispatchers.running("bench-lag-" + TestData.unique(), dispatchers.configuredConcurrency(),
                dispatchers.configuredPollInterval());
        dispatcher.start();
        List<Loaded> loaded;
        try {
            // a gateway that has run for a while: each account has sent before, so its connector is built
            List<Loaded> first = outbox.load(approval(world), accounts, accounts.size(), 1, i -> Instant.now(), "準備");
            awaitSent(ids(first), first.size(), Duration.ofMinutes(2));
            // the first measured delivery falls due once the load is surely done
            Instant start = Instant.now().plusSeconds(15);
            long step = spread.toNanos() / deliveries;
            loaded = outbox.load(approval(world), accounts, deliveries, 1, i -> start.plusNanos(i * step),
                    "時刻どおりベンチマーク");
            vacuum();
            LINE.reset();
            awaitSent(ids(loaded), deliveries, spread.plusMinutes(5));
        } finally {
            dispatcher.stop();
        }
        Map<String, Instant> arrived = new HashMap<>();
        LINE.arrivals().forEach(a -> arrived.merge(a.retryKey(), a.at(), (x, y) -> x.isBefore(y) ? x : y));
        if (LINE.requests() != deliveries || !loaded.stream().allMatch(l -> arrived.containsKey(l.id().toString()))) {
            throw new IllegalStateException(deliveries + " deliveries but " + LINE.requests() + " requests");
        }
        // in due order
        double[] lag = loaded.stream()
                .mapToDouble(l -> Duration.between(l.dueAt(), arrived.get(l.id().toString())).toNanos() / 1e6).toArray();
        long early = Arrays.stream(lag).filter(l -> l < 0).count();
        // where in the minute the late ones were
        int window = deliveries / 10;
        System.out.printf("%ndue-time lag, p99 of each tenth of the run (ms):");
        for (int w = 0; w + window <= lag.length; w += window) {
            System.out.printf(" %.0f", percentile(Arrays.copyOfRange(lag, w, w + window), 99));
        }
        System.out.println();
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
