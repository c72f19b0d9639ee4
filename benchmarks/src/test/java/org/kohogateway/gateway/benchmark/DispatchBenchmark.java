package org.kohogateway.gateway.benchmark;

import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.DbSchedulerPeer;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.dispatch.DispatcherFactory;
import org.kohogateway.gateway.post.OutboxLoader.Loaded;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Scenarios 1, 3 and the heap of 5 (issue 9). Dispatch throughput: N deliveries due now across the accounts, sent
 * through the LINE connector to a local stub answering after 0 ms and after 50 ms, audit trail and hash chain on,
 * timed from the start of the first claim to the last SENT; side by side with db-scheduler executing one task per
 * delivery ({@link DbSchedulerPeer}) with the same pool and poll interval and 16 worker threads (more than the
 * dispatcher's platform threads), and once more, for reference, with as many threads as the dispatcher has requests
 * in flight. Then pause-to-halt: accounts paused one after another over the API in the middle of such a run, how
 * long each call took and whether the stub saw any request for a paused account after its call returned. Last, the
 * heap.
 */
class DispatchBenchmark extends LoadedGateway {

    private final int deliveries = size("dispatch.deliveries", 20_000);
    private final int accounts = size("dispatch.accounts", 50);
    /**
     * Deliveries each side sends before the timed rounds. C2 compiles a method after about 10,000 calls, and much of
     * the dispatcher's code runs once per claim or per batch of outcomes, not once per delivery. After 10,000, the JIT
     * compiler threads still took 0.08–0.10 ms of the dispatcher's 0.30–0.37 ms of JVM CPU per delivery in its timed
     * round at 0 ms, against 0.01–0.05 ms in db-scheduler's 64-thread round, which came after 30,000 of its own
     * (2026-12-04, {@link CpuMeter}); after 30,000, 0.03–0.08 ms. With 2,000 it was half the JVM's samples.
     */
    private final int warmup = size("dispatch.warmup", 30_000);
    /**
     * db-scheduler's worker threads: an execution holds one for as long as its platform request takes, so this is
     * also how many requests it has in flight.
     */
    private final int threads = size("db-scheduler.threads", 16);
    /**
     * db-scheduler's lock-and-fetch limits: fetch again as soon as fewer executions than threads are left, up to three
     * times the threads — the same look-ahead as the dispatcher, which claims up to three times its concurrency. (Its
     * documentation's example for normal use, 0.5 and 1.0, left it slower at 50 ms in trial runs; up to three times
     * rather than twice moved it by less than the spread between runs, 2026-12-05.)
     */
    private final double lower = Double.parseDouble(System.getProperty("bench.db-scheduler.lower", "1.0"));
    private final double upper = Double.parseDouble(System.getProperty("bench.db-scheduler.upper", "3.0"));
    private final int pauseTries = size("pause.tries", 20);
    /**
     * Dispatchers claiming from the same outbox side by side, each with the full concurrency, standing in for gateway
     * instances: they share this JVM, its pool and its two cores, so this shows what a second instance costs in claims
     * and contention, not what a second machine adds.
     */
    private final int instances = size("dispatch.instances", 1);
    /** Pairs of timed rounds at each stub latency, the dispatcher's and db-scheduler's ({@link Latency}). */
    private final int pairs = Math.max(1, size("dispatch.pairs", 3));
    private final int pauseLatency = size("pause.latency-ms", 50);

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    DbSchedulerPeer peer;

    @Autowired
    DataSource dataSource;

    @Autowired
    org.kohogateway.gateway.security.ApiTokens tokens;

    /** The production default unless told otherwise: platform requests in flight, each on a virtual thread. */
    private int concurrency;
    /** The dispatcher's default poll interval; db-scheduler polls as often. */
    private Duration poll;

    private CpuMeter cpuMeter;
    /** The most heap in use at once, sampled during the run. */
    private final AtomicLong heapPeak = new AtomicLong();
    /** Samples the audit chain's lag during the timed rounds, when set. */
    private @Nullable SealLag sealLag;

    @BeforeEach
    void configuration() {
        cpuMeter = new CpuMeter(jdbc);
        concurrency = size("dispatch.concurrency", dispatchers.configuredConcurrency());
        poll = Duration.ofMillis(size("dispatch.poll-ms", (int) dispatchers.configuredPollInterval().toMillis()));
    }

    /** One timed round, with the CPU this JVM and PostgreSQL spent on it. */
    record Round(String who, int latencyMillis, int count, double seconds, CpuMeter.Reading cpu) {
        double perSecond() {
            return count / seconds;
        }

        double jvmMillisEach() {
            return cpu.jvmNanos() / 1e6 / count;
        }

        double postgresMillisEach() {
            return cpu.postgresNanos() / 1e6 / count;
        }
    }

    record SideBySide(Round ours, Round theirs) {
        double ratio() {
            return ours.perSecond() / theirs.perSecond();
        }
    }

    /**
     * One stub latency: rounds of three, run one right after the other so that all meet the machine in the same state:
     * the dispatcher's, db-scheduler's with as many threads as the dispatcher has requests in flight, and
     * db-scheduler's with its own thread count. A round at 0 ms lasts seconds, and on a shared machine one pair's ratio
     * moved by a third from run to run; the median pair is the figure of each comparison, and the dispatcher's median
     * round the figure of its own. (The 16-thread peer used to run once, before the pairs, so the machine's drift over
     * the next minute fell on its ratio whole.)
     *
     * @param pairs       the dispatcher's rounds against db-scheduler with the dispatcher's concurrency in threads
     * @param sameThreads the same rounds of the dispatcher against db-scheduler with its own thread count
     */
    record Latency(List<SideBySide> pairs, List<SideBySide> sameThreads) {
        int latency() {
            return pairs.getFirst().ours().latencyMillis();
        }

        SideBySide median() {
            return median(pairs, SideBySide::ratio);
        }

        SideBySide medianSameThreads() {
            return median(sameThreads, SideBySide::ratio);
        }

        /** The dispatcher's round with the median throughput. */
        Round ours() {
            return median(pairs.stream().map(SideBySide::ours).toList(), Round::perSecond);
        }

        /** The lower middle of an even number. */
        private static <T> T median(List<T> values, ToDoubleFunction<T> by) {
            List<T> sorted = values.stream().sorted(Comparator.comparingDouble(by)).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }
    }

    @Test
    void dispatchThroughputPauseToHaltAndHeap() {
        // the heap figure is this benchmark's: benchmarks run before it in the same JVM do not count
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        ScheduledExecutorService heapSampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("heap-sampler").daemon().factory());
        heapSampler.scheduleAtFixedRate(() -> heapPeak.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 20,
                TimeUnit.MILLISECONDS);
        try {
            throughputAndPauses();
        } finally {
            heapSampler.shutdownNow();
        }
        heap();
    }

    private void throughputAndPauses() {
        World world = data.world();
        peer.createTable();
        System.out.printf("%ndispatch: %,d deliveries across %d LINE accounts; %d dispatcher(s), concurrency %d each, "
                + "poll %d ms; db-scheduler %d threads, poll %d ms, lock-and-fetch (%.1f, %.1f); %s%n", deliveries,
                accounts, instances, concurrency, poll.toMillis(), threads, poll.toMillis(), lower, upper, poolSize());

        // both sides send to the same accounts, so both find their connectors (and connections) warm after this
        Map<String, Long> byToken = lineAccounts(world, accounts);
        LINE.latency(0);
        ours(world, byToken, warmup);
        theirs(world, byToken, warmup, threads);

        List<Latency> results = new ArrayList<>();
        try (SealLag lag = new SealLag(jdbc)) {
            sealLag = lag;
            for (String latency : System.getProperty("bench.dispatch.latencies", "0,50").split(",")) {
                LINE.latency(Integer.parseInt(latency.strip()));
                List<SideBySide> pairs = new ArrayList<>();
                List<SideBySide> sameThreads = new ArrayList<>();
                for (int i = 0; i < this.pairs; i++) {
                    Round ours = ours(world, byToken, deliveries);
                    Round wide = theirs(world, byToken, deliveries, concurrency);
                    pairs.add(new SideBySide(ours, wide));
                    sameThreads.add(new SideBySide(ours, threads == concurrency ? wide
                            : theirs(world, byToken, deliveries, threads)));
                }
                results.add(new Latency(pairs, sameThreads));
            }
        } finally {
            sealLag = null;
        }
        System.out.printf("%n| stub latency | Koho dispatcher, %d in flight | db-scheduler 16.7.1, %d threads | ratio |"
                + "%n| --- | --- | --- | --- |%n", concurrency, threads);
        results.forEach(r -> System.out.printf("| %d ms | %.0f posts/s (%.1f s) | %.0f posts/s (%.1f s) | %.2f |%n",
                r.latency(), r.medianSameThreads().ours().perSecond(), r.medianSameThreads().ours().seconds(),
                r.medianSameThreads().theirs().perSecond(), r.medianSameThreads().theirs().seconds(),
                r.medianSameThreads().ratio()));
        results.forEach(r -> System.out.printf("  stub %d ms, each pair (Koho, then db-scheduler with %d threads): %s;"
                + " the median pair's ratio %.3f%n", r.latency(), threads, pairs(r.sameThreads()),
                r.medianSameThreads().ratio()));
        // issue 20's comparison pair by pair: db-scheduler with as many threads as the dispatcher has requests in flight
        results.forEach(r -> System.out.printf("  stub %d ms, each pair (Koho, then db-scheduler with %d threads): %s;"
                + " the median pair's ratio %.3f%n", r.latency(), concurrency, pairs(r.pairs()), r.median().ratio()));
        results.forEach(r -> System.out.printf("RESULT db_scheduler_%d_threads_%d_ms_posts_per_s=%.1f%n",
                concurrency, r.latency(), r.median().theirs().perSecond()));
        results.stream().sorted(Comparator.comparingDouble((Latency r) -> r.medianSameThreads().ratio()).reversed())
                .forEach(r -> {
                    System.out.printf("RESULT dispatch_throughput_posts_per_s=%.1f%n", r.ours().perSecond());
                    System.out.printf("RESULT db_scheduler_throughput_posts_per_s=%.1f%n",
                            r.medianSameThreads().theirs().perSecond());
                    System.out.printf("RESULT dispatch_throughput_ratio_vs_db_scheduler=%.3f%n",
                            r.medianSameThreads().ratio());
                });
        // issue 20's fair comparison: db-scheduler with as many threads as the dispatcher has requests in flight
        results.forEach(r -> System.out.printf("RESULT dispatch_throughput_ratio_vs_db_scheduler_%d%s=%.3f%n",
                concurrency, r.latency() == 0 ? "" : "_" + r.latency() + "ms", r.median().ratio()));
        results.stream().map(Latency::ours).forEach(r -> System.out.printf(
                "RESULT dispatch_%dms_cpu_ms_per_delivery_jvm=%.3f%n"
                        + "RESULT dispatch_%dms_cpu_ms_per_delivery_postgres=%.3f%n",
                r.latencyMillis(), r.jvmMillisEach(), r.latencyMillis(), r.postgresMillisEach()));
        // no scheduler beats concurrency / latency: how close the dispatcher comes to it
        results.stream().map(Latency::ours).filter(r -> r.latencyMillis() > 0).forEach(r -> System.out.printf(
                "RESULT dispatch_%dms_fraction_of_inflight_limit=%.3f%n", r.latencyMillis(),
                r.perSecond() / (concurrency * 1000.0 / r.latencyMillis())));

        if (pauseTries > 0) {
            pauseToHalt(world);
        }
    }

    private static String pairs(List<SideBySide> pairs) {
        return pairs.stream().map(p -> String.format("%.0f vs %.0f posts/s (%.2f)", p.ours().perSecond(),
                p.theirs().perSecond(), p.ratio())).collect(Collectors.joining(", "));
    }

    private Round ours(World world, Map<String, Long> byToken, int count) {
        List<Loaded> loaded = load(world, byToken, count);
        String run = TestData.unique();
        List<Dispatcher> running = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            running.add(dispatchers.running("bench-dispatcher-" + run + "-" + i, concurrency, poll));
        }
        CpuMeter.Reading cpu = cpuMeter.read();
        Instant start = Instant.now();
        timing(start, "Koho");
        running.forEach(Dispatcher::start);
        try {
            awaitSent(ids(loaded), count, Duration.ofMinutes(15));
        } finally {
            running.forEach(Dispatcher::stop);
            timing(null, "");
        }
        return finished("Koho dispatcher", loaded, start, cpu);
    }

    private Round theirs(World world, Map<String, Long> byToken, int count, int workers) {
        List<Loaded> loaded = load(world, byToken, count);
        peer.enqueue(ids(loaded));
        jdbc.sql("vacuum analyze scheduled_tasks").update();
        CpuMeter.Reading cpu = cpuMeter.read();
        Instant start = Instant.now();
        timing(start, "db-scheduler " + workers + " threads");
        Scheduler scheduler = peer.start(workers, poll, lower, upper);
        try {
            awaitSent(ids(loaded), count, Duration.ofMinutes(15));
            await().atMost(Duration.ofMinutes(1)).until(() -> peer.remaining() == 0);
        } finally {
            scheduler.stop();
            timing(null, "");
        }
        return finished("db-scheduler", loaded, start, cpu);
    }

    /** Tells the seal-lag sampler, if one runs, that a round's timed part starts (or, with null, ended). */
    private void timing(@Nullable Instant start, String round) {
        SealLag lag = sealLag;
        if (lag != null) {
            if (start == null) {
                lag.pause();
            } else {
                lag.from(start, round + ", stub " + LINE.latency() + " ms");
            }
        }
    }

    private List<Loaded> load(World world, Map<String, Long> byToken, int count) {
        List<Long> accountIds = byToken.values().stream().sorted().toList();
        Instant now = Instant.now();
        // due a microsecond apart in load order, so claims interleave the accounts as the load did
        IntFunction<Instant> due = i -> now.minusNanos((count - i) * 1_000L);
        List<Loaded> loaded = outbox.load(approval(world), accountIds, count, 1, due, "配信ベンチマーク");
        vacuum();
        // db-scheduler deletes each task it has done: the last round's dead rows, vacuumed before any round
        jdbc.sql("vacuum analyze scheduled_tasks").update();
        LINE.reset();
        return loaded;
    }

    /** From the start to the last SENT; and every delivery reached the platform exactly once. */
    private Round finished(String who, List<Loaded> loaded, Instant start, CpuMeter.Reading cpuAtStart) {
        CpuMeter.Reading cpu = cpuMeter.read().minus(cpuAtStart);
        Instant last = jdbc.sql("select max(sent_at) from delivery where id = any(:ids)")
                .param("ids", ids(loaded).toArray(UUID[]::new)).query(Timestamp.class).single().toInstant();
        Map<String, Long> perKey = LINE.arrivals().stream()
                .collect(Collectors.groupingBy(LineStub.Arrival::retryKey, Collectors.counting()));
        boolean once = perKey.size() == loaded.size() && perKey.values().stream().allMatch(n -> n == 1)
                && loaded.stream().allMatch(l -> perKey.containsKey(l.id().toString()));
        if (!once) {
            throw new IllegalStateException(who + ": " + loaded.size() + " deliveries but " + LINE.requests()
                    + " requests for " + perKey.size() + " retry keys");
        }
        double seconds = Duration.between(start, last).toNanos() / 1e9;
        Round round = new Round(who, LINE.latency(), loaded.size(), seconds, cpu);
        System.out.printf("  %s, stub %d ms: %,d sent in %.2f s, %.0f posts/s; CPU per delivery: this JVM %.2f ms "
                + "(of which JIT compilers %.2f ms), PostgreSQL %.2f ms; requests held at the stub on average %.1f%n", who,
                LINE.latency(), loaded.size(), seconds, loaded.size() / seconds, round.jvmMillisEach(),
                cpu.compilerNanos() / 1e6 / loaded.size(), round.postgresMillisEach(), LINE.heldNanos() / 1e9 / seconds);
        return round;
    }

    /**
     * Scenario 3. While a run like the ones above is under way, {@code pauseTries} accounts are paused one after
     * another with {@code POST /api/crisis/pause} (HTTP Basic, as an admin); the rest of the outbox then goes out.
     */
    private void pauseToHalt(World world) {
        LINE.latency(pauseLatency);
        Map<String, Long> byToken = lineAccounts(world, accounts);
        List<Loaded> loaded = load(world, byToken, deliveries);
        List<Long> paused = byToken.values().stream().sorted().limit(pauseTries).toList();
        // an admin's HTTP Basic needs a second factor; the crisis desk's script uses an API token, as machines do
        Api admin = Api.withToken(port, tokens.issue(world.admin(), new org.kohogateway.gateway.security.ApiTokens.NewToken("benchmark", null,
                java.util.Set.of(org.kohogateway.gateway.staff.Role.ADMIN), null,
                java.time.Instant.now().plus(Duration.ofDays(1)), false), false).secret());
        // the first request of a context pays for its own warm-up (servlet, security, JIT); that is no pause cost
        for (int i = 0; i < 5; i++) {
            admin.get("/api/crisis/pauses");
        }
        long[] returned = new long[paused.size()];
        double[] millis = new double[paused.size()];
        Dispatcher dispatcher = dispatchers.running("bench-pause-" + TestData.unique(), concurrency, poll);
        dispatcher.start();
        try {
            for (int k = 0; k < paused.size(); k++) {
                // spread over the first half of the run: the accounts left running carry it on to the end
                int threshold = (k + 1) * deliveries / (2 * (paused.size() + 1));
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> LINE.requests() >= threshold);
                long begin = System.nanoTime();
                Api.Response response = admin.post("/api/crisis/pause",
                        Api.json(Map.of("accountId", paused.get(k), "reason", "ベンチマーク: 炎上対応のため停止")));
                returned[k] = System.nanoTime();
                millis[k] = (returned[k] - begin) / 1e6;
                if (response.status() != 200) {
                    throw new IllegalStateException("pause refused: " + response);
                }
            }
            List<UUID> running = loaded.stream().filter(l -> !paused.contains(l.accountId())).map(Loaded::id).toList();
            awaitSent(running, running.size(), Duration.ofMinutes(15));
        } finally {
            dispatcher.stop();
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int k = 0; k < paused.size(); k++) {
            index.put(paused.get(k), k);
        }
        long after = LINE.arrivals().stream().filter(a -> {
            Integer k = index.get(byToken.get(a.token()));
            return k != null && a.nanos() > returned[k];
        }).count();
        long notSent = loaded.size() - sentAmong(ids(loaded));
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("%npause-to-halt: %d accounts paused during a run of %,d deliveries, stub %d ms%n",
                paused.size(), deliveries, pauseLatency);
        System.out.printf("  pause call p50 %.0f ms, p99 %.0f ms, max %.0f ms; requests for a paused account after its "
                + "call returned: %d; deliveries of paused accounts left unsent: %,d%n", percentile(millis.clone(), 50),
                percentile(millis.clone(), 99), sorted[sorted.length - 1], after, notSent);
        // the crisis is over: resuming holds what fell due meanwhile, so nothing is left due for later benchmarks
        paused.forEach(account -> admin.post("/api/crisis/resume", Api.json(Map.of("accountId", account))));
        System.out.println("  each pause call (ms): " + Arrays.stream(millis).mapToObj(ms -> String.format("%.0f", ms))
                .collect(Collectors.joining(" ")));
        System.out.printf("RESULT pause_return_p99_ms=%.1f%n", percentile(millis, 99));
        System.out.printf("RESULT pause_requests_after_return=%d%n", after);
    }

    /**
     * Scenario 5, heap: the most in use at once, sampled every 20 ms over the whole run; the pools' own peaks, summed,
     * for comparison (an upper bound only: each pool peaks at its own moment, so the sum can pass -Xmx); and what stays
     * live.
     */
    private void heap() {
        long pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        double mb = 1024 * 1024;
        System.out.printf("%nheap: -Xmx %.0f MB; most in use at once %.0f MB (the pools' peaks summed: %.0f MB); used "
                + "after the runs and a GC %.0f MB (this JVM also holds the stub, db-scheduler and the harness)%n",
                Runtime.getRuntime().maxMemory() / mb, heapPeak.get() / mb, pools / mb, live / mb);
        System.out.printf("RESULT heap_peak_mb=%.0f%n", heapPeak.get() / mb);
        System.out.printf("RESULT heap_live_after_runs_mb=%.0f%n", live / mb);
    }

    private String poolSize() {
        return dataSource instanceof HikariDataSource hikari
                ? "one Hikari pool of " + hikari.getMaximumPoolSize() + " connections for both" : "one pool for both";
    }
}
