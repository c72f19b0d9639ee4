package org.kohogateway.gateway.benchmark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Samples, every 100 ms during the timed part of each dispatch round, how long the oldest committed audit entry
 * written in that round and not yet linked into the hash chain has been waiting (issue 20, point 1: sealed within 2 s
 * under the benchmark's load). An entry is unsealed while its seq lies past the chain's head; its age is counted from
 * its {@code occurred_at} (the writing transaction's clock reading, on this machine's clock), so a sample of 0 means
 * nothing was waiting. Entries of the harness's loading between rounds do not count: the sealer waits, by design, for
 * every transaction older than its checkpoint, and the loading's COPY is one of seconds.
 */
final class SealLag implements AutoCloseable {

    private final JdbcClient jdbc;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("seal-lag-sampler").daemon().factory());
    /** Samples by round, in the rounds' order. */
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    /** The start of the round being timed; null between rounds. */
    private volatile @Nullable Instant since;
    private volatile String round = "";

    SealLag(JdbcClient jdbc) {
        this.jdbc = jdbc;
        timer.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Samples entries written from {@code start} on, until {@link #pause}, as the round named. */
    void from(Instant start, String name) {
        round = name;
        since = start;
    }

    void pause() {
        since = null;
    }

    private void sample() {
        Instant start = since;
        if (start == null) {
            return;
        }
        // the unsealed entries in seq order, so that the plan walks the seq index from the chain's head: as a plain
        // filter the planner scanned the whole trail, 7 ms of PostgreSQL's CPU every 100 ms during the measured rounds
        Double millis = jdbc.sql("""
                select coalesce(extract(epoch from clock_timestamp() - min(u.occurred_at)) * 1000, 0)
                from (select e.occurred_at from audit_entry e
                      where e.seq > (select coalesce(max(s.seq), 0) from audit_seal s)
                      order by e.seq limit 100000) u
                where u.occurred_at >= :since
                """).param("since", Timestamp.from(start)).query(Double.class).single();
        synchronized (samples) {
            samples.computeIfAbsent(round, r -> new ArrayList<>()).add(millis);
        }
    }

    /** Stops sampling and prints the lag's p50, p99 and max, with {@code RESULT} lines for the p99 and the max. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, double[]> byRound = new LinkedHashMap<>();
        synchronized (samples) {
            samples.forEach((name, values) -> byRound.put(name, values.stream().mapToDouble(Double::doubleValue)
                    .toArray()));
        }
        double[] values = byRound.values().stream().flatMapToDouble(Arrays::stream).toArray();
        if (values.length == 0) {
            return;
        }
        byRound.forEach((name, lags) -> System.out.printf("  seal lag during %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                name, LoadedGateway.percentile(lags.clone(), 50), LoadedGateway.percentile(lags.clone(), 99),
                LoadedGateway.percentile(lags.clone(), 100)));
        double p50 = LoadedGateway.percentile(values.clone(), 50);
        double p99 = LoadedGateway.percentile(values.clone(), 99);
        double max = LoadedGateway.percentile(values, 100);
        System.out.printf("audit seal lag (age of the oldest unsealed entry, sampled every 100 ms over the dispatch "
                + "rounds' timed parts, entries written in them, %d samples): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                values.length, p50, p99, max);
        System.out.printf("RESULT audit_seal_lag_p99_ms=%.1f%n", p99);
        System.out.printf("RESULT audit_seal_lag_max_ms=%.1f%n", max);
    }
}
