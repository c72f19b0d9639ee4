package org.kohogateway.gateway.benchmark;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.kohogateway.gateway.dispatch.DbSchedulerPeer;
import org.kohogateway.gateway.dispatch.DispatcherFactory;
import org.kohogateway.gateway.dispatch.MetricsRefresh;
import org.kohogateway.gateway.post.OutboxLoader;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the dispatch benchmarks: the whole gateway on the embedded PostgreSQL with the real system clock, LINE
 * pointed at a {@link LineStub}, the dispatch loop bean off (each benchmark starts its own dispatchers), and the
 * per-account rate limits lifted so that 400 posts per account are not deferred for minutes. The background jobs the
 * benchmarks do not measure are off or put off: one minute after the start, the records' registration made a record
 * (an insert and an audit entry) of every post sent so far, in the middle of whichever round ran then. Sizes come from
 * system properties ({@code -Dbench.…}), defaulting to the sizes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "gateway.dispatch.enabled=false", "gateway.accounts.closing-cron=-",
                "gateway.housekeeping.cron=-", "gateway.dispatch.reconcile-every=1h",
                "gateway.records.register-every=1h", "gateway.guards.per-minute.LINE=1000000" })
@Import({ TestData.class, DispatcherFactory.class, OutboxLoader.class, DbSchedulerPeer.class, MetricsRefresh.class })
abstract class LoadedGateway {

    static final LineStub LINE = new LineStub();

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    StaffDirectory staff;

    @Autowired
    OutboxLoader outbox;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedDatabase::jdbcUrl);
        registry.add("gateway.platforms.line.api-endpoint", () -> LINE.endpoint().toString());
        registry.add("gateway.credentials.key", () -> IntegrationTest.TEST_CREDENTIALS_KEY);
    }

    static int size(String name, int defaultValue) {
        return Integer.getInteger("bench." + name, defaultValue);
    }

    /** Fresh LINE accounts of the world's department A, each with a token of its own; keyed by that token. */
    Map<String, Long> lineAccounts(World world, int count) {
        String n = TestData.unique();
        Map<String, Long> byToken = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String token = "bench-token-" + n + "-" + i;
            long id = data.account(world.departmentA(), Platform.LINE, "ベンチ LINE " + n + " " + i,
                    new OperatingPolicy(true, ReplyPolicy.NO_REPLIES),
                    new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, token))).id();
            byToken.put(token, id);
        }
        return byToken;
    }

    OutboxLoader.Approval approval(World world) {
        return new OutboxLoader.Approval(staff.byUsername(world.poster()).id(), staff.byUsername(world.approver()).id(),
                world.departmentA().id());
    }

    /**
     * Statistics for the planner after a bulk load, and the dead rows of earlier rounds out of the way; the audit
     * trail too, so that autovacuum, which looks once a minute, finds nothing left to do in the middle of a round. A
     * round it met lost about a core for three seconds to {@code audit_entry} alone (2026-12-05).
     */
    void vacuum() {
        for (String table : List.of("delivery", "post", "audit_entry", "audit_seal")) {
            jdbc.sql("vacuum analyze " + table).update();
        }
    }

    long sentAmong(List<UUID> deliveries) {
        return jdbc.sql("select count(*) from delivery where id = any(:ids) and status = 'SENT'")
                .param("ids", deliveries.toArray(UUID[]::new)).query(Long.class).single();
    }

    /**
     * Waits until the deliveries are SENT. The database is asked only once the stub has seen as many requests: asked
     * every 250 ms throughout a round, the count over 20,000 ids took 39 ms of PostgreSQL's CPU each time, a sixth of
     * a core taken from whichever side the round measured (pg_stat_statements, 2026-12-04).
     */
    void awaitSent(List<UUID> deliveries, long expected, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> LINE.requests() >= expected);
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> sentAmong(deliveries) >= expected);
    }

    static List<UUID> ids(List<OutboxLoader.Loaded> loaded) {
        List<UUID> ids = new ArrayList<>(loaded.size());
        loaded.forEach(l -> ids.add(l.id()));
        return ids;
    }

    /** Nearest-rank percentile of the values, which it sorts. */
    static double percentile(double[] values, double p) {
        Arrays.sort(values);
        int rank = (int) Math.ceil(p / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }
}
