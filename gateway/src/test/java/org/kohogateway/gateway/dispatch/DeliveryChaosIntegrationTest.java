package org.kohogateway.gateway.dispatch;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.dispatch.chaos.ChaosPlatforms;
import org.kohogateway.gateway.dispatch.chaos.ChaosVerdict;
import org.kohogateway.gateway.dispatch.chaos.ChaosVerdict.DeliveryRow;
import org.kohogateway.gateway.dispatch.chaos.Disruptions;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15 point 12 (and issue 23): approved deliveries to LINE, X, Facebook, Instagram, Bluesky and Threads accounts
 * (every platform but YouTube, whose uploads the simulator does not play), sent by two gateway processes
 * (child JVMs, real clock) through a platform simulator that injects faults ({@link ChaosPlatforms}), while one
 * process is SIGKILLed and replaced, PostgreSQL is restarted, a process is frozen (SIGSTOP) beyond its lease and
 * accounts are paused and resumed over the API ({@link Disruptions}). The
 * end state is judged against what the simulated platforms created, not what the gateway believes
 * ({@link ChaosVerdict}).
 *
 * <p>Short by default (900 deliveries due within 24 s, one round of disruptions). Longer:
 * {@code -Dchaos.deliveries=5000 -Dchaos.minutes=10} (one round of disruptions per two minutes); also
 * {@code -Dchaos.seed}, {@code -Dchaos.fault-rate} (default 0.15 of the creating requests).
 */
class DeliveryChaosIntegrationTest extends IntegrationTest {

    private static final int DELIVERIES = Integer.getInteger("chaos.deliveries", 900);
    private static final Duration WINDOW = Duration.ofMillis(
            (long) (Double.parseDouble(System.getProperty("chaos.minutes", "0.4")) * 60_000));
    private static final long SEED = Long.getLong("chaos.seed", 15L);
    private static final double FAULT_RATE = Double.parseDouble(System.getProperty("chaos.fault-rate", "0.15"));
    /** Longer than the read timeout: the post is created and its answer is lost. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(20);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Short, so a killed instance's claims run out within the run; still above the longest send (Instagram's and
     * Threads' four calls, Bluesky's session, look-up, write and look-up).
     */
    private static final Duration LEASE = Duration.ofSeconds(12);
    private static final URI IMAGE = URI.create("https://www.city.gotsu.lg.jp/img/gonokawa.jpg");
    private static final List<Platform> PLATFORMS = List.of(Platform.LINE, Platform.X, Platform.FACEBOOK, Platform.INSTAGRAM,
            Platform.BLUESKY, Platform.THREADS);

    private static ChaosPlatforms platforms;
    private static Disruptions disruptions;

    @Autowired
    JdbcClient jdbc;

    /** Each account as the platform knows it (token, page or user id): what the simulator records it under. */
    private final Map<Long, String> keys = new HashMap<>();
    private long slowestCrisisCall;

    @BeforeAll
    static void startSimulatorAndTwoGateways() {
        platforms = new ChaosPlatforms(SEED, FAULT_RATE, SLOW_ANSWER);
        Map<String, String> properties = new HashMap<>(platforms.properties(READ_TIMEOUT));
        properties.putAll(Map.of("gateway.dispatch.lease", LEASE.toSeconds() + "s",
                "gateway.dispatch.backoff", "500ms", "gateway.dispatch.max-backoff", "3s",
                "gateway.dispatch.concurrency", "32", "gateway.dispatch.reconcile-every", "2s",
                "gateway.guards.open-for", "2s",
                "gateway.accounts.profile-check-cron", "-", "gateway.notifications.poll-interval", "1h"));
        for (Platform platform : PLATFORMS) {
            // the guards' limits have their own tests; here they would only stretch the run
            properties.put("gateway.guards.per-minute." + platform, "1000000");
            properties.put("gateway.guards.daily-cap." + platform, "1000000");
        }
        disruptions = new Disruptions(properties, LEASE);
        disruptions.startInstance();
        disruptions.startInstance();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        disruptions.stopAll();
        platforms.stop();
    }

    @Test
    void underFaultsACrashADatabaseRestartAndPausesEveryDeliveryIsPostedAtMostOnceOrReportedAndPausesHold()
            throws Exception {
        World world = data.world();
        Map<Platform, List<OfficialAccount>> accounts = accounts(world);
        Instant creating = Instant.now();
        Map<UUID, DeliveryRow> planned = createDeliveries(world, accounts);
        disruptions.note(planned.size() + " deliveries approved through the workflow in "
                + Duration.between(creating, Instant.now()).toSeconds() + " s");
        disruptions.awaitRunning(2);

        Instant runStart = Instant.now().plusSeconds(1);
        disruptions.startClock(runStart);
        spreadDueTimes(List.copyOf(planned.keySet()), runStart);
        disrupt(world, accounts);
        settle(planned.keySet());

        List<DeliveryRow> rows = outcomes(planned);
        ChaosVerdict verdict = new ChaosVerdict(rows, platforms.ledger(), disruptions.pauses());
        System.out.println("\n=== delivery chaos: " + DELIVERIES + " deliveries due within " + WINDOW.toSeconds()
                + " s, seed " + SEED + ", fault rate " + FAULT_RATE + ", run took "
                + Duration.between(runStart, Instant.now()).toSeconds() + " s\n" + String.join("\n", disruptions.events()) + "\n\n"
                + verdict.table() + "\n" + verdict.findings());

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(verdict.notSettled).as("deliveries left SENDING or SCHEDULED").isEmpty();
        softly.assertThat(verdict.duplicates).as("duplicate platform posts").isEmpty();
        softly.assertThat(verdict.writesWhilePaused).as("creating requests for a paused account after its pause returned")
                .isEmpty();
        softly.assertThat(verdict.readsWhilePaused).as("other requests for a paused account after its pause returned")
                .isEmpty();
        softly.assertThat(verdict.sentWithoutItsPost).as("SENT deliveries without their platform post").isEmpty();
        softly.assertThat(verdict.notSentButPosted).as("FAILED/HELD deliveries that are on the platform").isEmpty();
        softly.assertThat(verdict.withoutReason).as("UNCERTAIN/FAILED/HELD deliveries without a reason").isEmpty();
        softly.assertAll();
    }

    /** Accounts with credentials the simulator names them by, enough per platform for reconciliation to page through. */
    private Map<Platform, List<OfficialAccount>> accounts(World world) {
        int perPlatform = Math.max(3, (int) Math.ceil((double) DELIVERIES / PLATFORMS.size() / 150));
        String run = TestData.unique().replace("-", "");
        String digits = Long.toString(System.nanoTime() % 1_000_000_000L);
        Map<Platform, List<OfficialAccount>> accounts = new EnumMap<>(Platform.class);
        for (Platform platform : PLATFORMS) {
            List<OfficialAccount> list = new ArrayList<>();
            for (int i = 0; i < perPlatform; i++) {
                PlatformCredentials credentials = switch (platform) {
                    case LINE -> new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN,
                            "chaos-line-" + run + "-" + i));
                    case X -> new PlatformCredentials(Map.of(PlatformCredentials.X_CONSUMER_KEY, "chaos-key",
                            PlatformCredentials.X_CONSUMER_SECRET, "chaos-secret",
                            PlatformCredentials.X_ACCESS_TOKEN, "1234567890-chaos-" + run + "-" + i,
                            PlatformCredentials.X_ACCESS_TOKEN_SECRET, "chaos-token-secret"));
                    case FACEBOOK -> new PlatformCredentials(Map.of(PlatformCredentials.FACEBOOK_PAGE_ID,
                            "1049" + digits + i, PlatformCredentials.FACEBOOK_PAGE_ACCESS_TOKEN, "EAAGchaos" + run));
                    case INSTAGRAM -> new PlatformCredentials(Map.of(PlatformCredentials.INSTAGRAM_IG_USER_ID,
                            "178414" + digits + i, PlatformCredentials.INSTAGRAM_ACCESS_TOKEN, "EAAGchaosIg" + run));
                    case BLUESKY -> new PlatformCredentials(Map.of(PlatformCredentials.BLUESKY_HANDLE,
                            "chaos-" + run + "-" + i + ".bsky.social", PlatformCredentials.BLUESKY_APP_PASSWORD,
                            "abcd-efgh-ijkl-mnop"));
                    case THREADS -> new PlatformCredentials(Map.of(PlatformCredentials.THREADS_USER_ID,
                            "258" + digits + i, PlatformCredentials.THREADS_ACCESS_TOKEN, "THQWchaos" + run));
                    case YOUTUBE -> throw new IllegalStateException("the chaos simulator plays no YouTube");
                };
                OfficialAccount account = data.account(world.departmentA(), platform, "カオス " + platform + " " + i + " "
                        + run, new OperatingPolicy(true, platform == Platform.INSTAGRAM ? ReplyPolicy.REPLIES_ALLOWED
                                : ReplyPolicy.NO_REPLIES), credentials);
                keys.put(account.id(), switch (platform) {
                    case LINE -> credentials.values().get(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN);
                    case X -> credentials.values().get(PlatformCredentials.X_ACCESS_TOKEN);
                    case FACEBOOK -> credentials.values().get(PlatformCredentials.FACEBOOK_PAGE_ID);
                    case INSTAGRAM -> credentials.values().get(PlatformCredentials.INSTAGRAM_IG_USER_ID);
                    case BLUESKY -> credentials.values().get(PlatformCredentials.BLUESKY_HANDLE);
                    case THREADS -> credentials.values().get(PlatformCredentials.THREADS_USER_ID);
                    case YOUTUBE -> throw new IllegalStateException("the chaos simulator plays no YouTube");
                });
                list.add(account);
            }
            accounts.put(platform, list);
        }
        return accounts;
    }

    /** One post per delivery, approved through the workflow for tomorrow (the run brings them forward). */
    private Map<UUID, DeliveryRow> createDeliveries(World world, Map<Platform, List<OfficialAccount>> accounts)
            throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        // the same texts in every run: the faults are a function of the seed and the text (one database per JVM)
        String marker = "chaos";
        Map<UUID, DeliveryRow> planned = new ConcurrentHashMap<>();
        try (ExecutorService creators = Executors.newFixedThreadPool(3)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                Platform platform = PLATFORMS.get(i % PLATFORMS.size());
                List<OfficialAccount> ofPlatform = accounts.get(platform);
                OfficialAccount account = ofPlatform.get((i / PLATFORMS.size()) % ofPlatform.size());
                String text = marker + " #" + i + " 江津市からのお知らせです";
                done.add(creators.submit(() -> {
                    Delivery delivery = (platform == Platform.INSTAGRAM
                            ? data.approvedPostWithImage(world, text, IMAGE, tomorrow, account)
                            : data.approvedPost(world, text, tomorrow, account)).deliveries().getFirst();
                    planned.put(delivery.id(), new DeliveryRow(delivery.id(), platform, keys.get(account.id()), text,
                            null, null, null));
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        return planned;
    }


    /** Delivery {@code i} of {@code n} becomes due at {@code start + i/n × WINDOW}: a steady stream over the window. */
    private void spreadDueTimes(List<UUID> ids, Instant start) {
        int moved = jdbc.sql("""
                update delivery set due_at = cast(:start as timestamptz)
                    + (array_position(cast(:ids as text[]), id::text) - 1) * (:window / :n) * interval '1 millisecond'
                where id::text = any(cast(:ids as text[])) and status = 'SCHEDULED'
                """)
                .param("start", Timestamp.from(start)).param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param("window", (double) WINDOW.toMillis()).param("n", (double) ids.size())
                .update();
        if (moved != ids.size()) {
            throw new IllegalStateException("only " + moved + " of " + ids.size() + " deliveries were SCHEDULED");
        }
    }

    /** A disruption at a moment of the run. */
    private record Disruption(Duration at, String what, ThrowingRunnable action) {
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * One round of disruptions per two minutes of the window (at least one): pauses and resumes of a LINE, X, Facebook,
     * Instagram, Bluesky and Threads account, a SIGKILL of the oldest instance with a replacement launched, a PostgreSQL
     * restart, and a SIGSTOP of an instance for longer than its lease.
     */
    private void disrupt(World world, Map<Platform, List<OfficialAccount>> accounts) throws Exception {
        int rounds = (int) Math.max(1, Math.round(WINDOW.toSeconds() / 120.0));
        Duration round = WINDOW.dividedBy(rounds);
        List<Disruption> plan = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Duration base = round.multipliedBy(r);
            OfficialAccount line = pick(accounts, Platform.LINE, r);
            OfficialAccount x = pick(accounts, Platform.X, r);
            OfficialAccount facebook = pick(accounts, Platform.FACEBOOK, r);
            OfficialAccount instagram = pick(accounts, Platform.INSTAGRAM, r);
            OfficialAccount bluesky = pick(accounts, Platform.BLUESKY, r);
            OfficialAccount threads = pick(accounts, Platform.THREADS, r);
            plan.add(new Disruption(at(base, round, 0.10), "pause LINE", () -> pause(world, Platform.LINE, line)));
            plan.add(new Disruption(at(base, round, 0.15), "pause Bluesky", () -> pause(world, Platform.BLUESKY, bluesky)));
            plan.add(new Disruption(at(base, round, 0.20), "kill", disruptions::killAndReplace));
            plan.add(new Disruption(at(base, round, 0.30), "pause X", () -> pause(world, Platform.X, x)));
            plan.add(new Disruption(at(base, round, 0.35), "pause Threads", () -> pause(world, Platform.THREADS, threads)));
            plan.add(new Disruption(at(base, round, 0.40), "resume LINE", () -> resume(world, Platform.LINE, line)));
            plan.add(new Disruption(at(base, round, 0.45), "restart PostgreSQL", disruptions::restartDatabase));
            plan.add(new Disruption(at(base, round, 0.50), "resume Bluesky", () -> resume(world, Platform.BLUESKY, bluesky)));
            plan.add(new Disruption(at(base, round, 0.55), "pause Facebook", () -> pause(world, Platform.FACEBOOK, facebook)));
            plan.add(new Disruption(at(base, round, 0.60), "resume X", () -> resume(world, Platform.X, x)));
            plan.add(new Disruption(at(base, round, 0.65), "pause Instagram", () -> pause(world, Platform.INSTAGRAM, instagram)));
            plan.add(new Disruption(at(base, round, 0.70), "resume Threads", () -> resume(world, Platform.THREADS, threads)));
            plan.add(new Disruption(at(base, round, 0.80), "resume Facebook", () -> resume(world, Platform.FACEBOOK, facebook)));
            plan.add(new Disruption(at(base, round, 0.85), "freeze", disruptions::freezeBeyondLease));
            plan.add(new Disruption(at(base, round, 0.90), "resume Instagram", () -> resume(world, Platform.INSTAGRAM, instagram)));
        }
        for (Disruption disruption : plan) {
            long wait = Duration.between(Instant.now(), disruptions.start().plus(disruption.at())).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            Instant began = Instant.now();
            disruption.action().run();
            long took = Duration.between(began, Instant.now()).toMillis();
            disruptions.log(began, disruption.what() + " (took " + took + " ms)");
            if (disruption.what().startsWith("pause") || disruption.what().startsWith("resume")) {
                slowestCrisisCall = Math.max(slowestCrisisCall, took);
            }
        }
        // not asserted: a pause waits up to gateway.crisis.in-flight-wait (5 s) for requests under way, and longer
        // while a stalled instance holds the account's gate row locked
        disruptions.note("slowest pause/resume call: " + slowestCrisisCall + " ms");
    }

    private static Duration at(Duration base, Duration round, double fraction) {
        return base.plusMillis((long) (round.toMillis() * fraction));
    }

    private static OfficialAccount pick(Map<Platform, List<OfficialAccount>> accounts, Platform platform, int round) {
        List<OfficialAccount> list = accounts.get(platform);
        return list.get(round % list.size());
    }

    private void pause(World world, Platform platform, OfficialAccount account) throws InterruptedException {
        disruptions.pause(() -> adminToken(world.admin()), platform, account.id(), keys.get(account.id()));
    }

    private void resume(World world, Platform platform, OfficialAccount account) throws InterruptedException {
        disruptions.resume(() -> adminToken(world.admin()), platform, account.id(), keys.get(account.id()));
    }

    /**
     * Waits until no delivery is SENDING (leases of the killed instance ran out and were recovered) or SCHEDULED (retries
     * done), then until reconciliation stops changing states. Does not fail by itself: the verdict reports what is left.
     */
    private void settle(java.util.Set<UUID> ids) {
        Duration atMost = WINDOW.plus(LEASE).plusSeconds(60);
        try {
            disruptions.awaitNoneFrozen();
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1))
                    .until(() -> states(ids).keySet().stream().noneMatch(s -> s.equals("SENDING") || s.equals("SCHEDULED")));
            disruptions.log(Instant.now(), "settled: nothing SENDING or SCHEDULED");
            java.util.concurrent.atomic.AtomicReference<Map<String, Long>> last = new java.util.concurrent.atomic.AtomicReference<>(states(ids));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).during(Duration.ofSeconds(4))
                    .until(() -> {
                        Map<String, Long> now = states(ids);
                        return now.equals(last.getAndSet(now));
                    });
        } catch (ConditionTimeoutException e) {
            disruptions.log(Instant.now(), "not settled: " + states(ids));
        }
        disruptions.log(Instant.now(), "states: " + states(ids));
    }

    private Map<String, Long> states(java.util.Set<UUID> ids) {
        return jdbc.sql("select status, count(*) from delivery where id in (:ids) group by status")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<DeliveryRow> outcomes(Map<UUID, DeliveryRow> planned) {
        return jdbc.sql("""
                select id, status, platform_post_id, coalesce(nullif(hold_reason, ''), last_error) as reason
                from delivery where id in (:ids)
                """)
                .param("ids", List.copyOf(planned.keySet()))
                .query((rs, n) -> {
                    DeliveryRow plan = planned.get(rs.getObject("id", UUID.class));
                    return new DeliveryRow(plan.id(), plan.platform(), plan.account(), plan.text(), rs.getString("status"),
                            rs.getString("platform_post_id"), rs.getString("reason"));
                })
                .list();
    }
}
