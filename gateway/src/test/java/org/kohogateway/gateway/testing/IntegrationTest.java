package org.kohogateway.gateway.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.security.ApiTokens;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring integration tests: the whole gateway on the shared embedded PostgreSQL, platforms simulated by
 * WireMock, the city's identity provider stubbed by WireMock too ({@link IdentityProviderStub}), a settable clock,
 * and the dispatch loop off so tests dispatch exactly when they choose ({@code Dispatcher.drain()}); account closings
 * likewise ({@code AccountClosings.closeDue()}), notifications too ({@code NotificationWorker.deliverDue()}, e-mail to
 * {@link TestMail}). All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "gateway.dispatch.enabled=false", "gateway.accounts.closing-cron=-",
                "gateway.housekeeping.cron=-",
                // tests reconcile when they choose, never in the background
                "gateway.dispatch.reconcile-every=1h",
                // rate limits are exercised by their own tests; elsewhere they would only slow the suite down
                "gateway.guards.per-minute.LINE=1000000", "gateway.guards.per-minute.X=1000000",
                "gateway.guards.per-minute.FACEBOOK=1000000", "gateway.guards.per-minute.INSTAGRAM=1000000",
                // tests send alike posts to one account on purpose ("marker #1", "marker #2"); repeats are
                // exercised by NearDuplicatesIntegrationTest
                "gateway.posting.near-duplicate-window=0s",
                // tests deliver notifications when they choose (NotificationWorker.deliverDue()), to local receivers
                "gateway.notifications.poll-interval=1h", "gateway.notifications.allow-http-localhost=true",
                // receivers, feeds and source pages of the tests are WireMock servers on this machine
                "gateway.outbound.allow-loopback=true",
                "gateway.notifications.backoff=1m",
                // failed module reactions are retried when a test chooses (EventRetries)
                "gateway.events.retry-every=1h",
                "gateway.notifications.mail-from=koho-gateway@city.example.jp", "spring.mail.host=127.0.0.1" })
@Import(IntegrationTestConfiguration.class)
public abstract class IntegrationTest {

    /** A fixed key for tests only: 32 bytes, base64. */
    public static final String TEST_CREDENTIALS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    public static final String TEST_ANCHOR_KEY = "YW5jaG9yLWtleS1mb3ItdGVzdHMtb25seS0zMi1ieXRlcyE=";

    @LocalServerPort
    protected int port;

    @Autowired
    protected SettableClock clock;

    @Autowired
    protected TestData data;

    @Autowired
    private StaffDirectory staffDirectory;

    @Autowired
    private ApiTokens apiTokens;

    @Autowired
    private JdbcClient reactions;

    /** API tokens of the test admins, one per admin, issued on first use. */
    private static final Map<String, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedDatabase::jdbcUrl);
        SimulatedPlatforms.shared().properties().forEach((name, value) -> registry.add(name, () -> value));
        // short enough for a test to wait out an answer that never comes in time (ThreadsDispatchIntegrationTest)
        registry.add("gateway.platforms.threads.read-timeout", () -> "2s");
        registry.add("gateway.credentials.key", () -> TEST_CREDENTIALS_KEY);
        registry.add("gateway.audit.anchor.key", () -> TEST_ANCHOR_KEY);
        registry.add("spring.mail.port", TestMail::port);
        IdentityProviderStub.shared().properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Reactions left unfinished before this test (a child gateway a test killed may leave some): not waited for. */
    private UUID[] reactionsBefore = new UUID[0];

    @BeforeEach
    void resetClock() {
        clock.set(Instant.now());
        PageSession.gatewayClock(clock);
    }

    @BeforeEach
    void noteUnfinishedReactions() {
        reactionsBefore = reactions.sql("select id from event_publication where completion_date is null")
                .query(UUID.class).list().toArray(UUID[]::new);
    }

    /**
     * The API as this person: HTTP Basic with the test password — except for an ADMIN, who (as in production, where
     * admins must have a second factor) cannot use HTTP Basic and calls with an API token of their own roles instead.
     */
    protected Api api(String username) {
        Staff person = staffDirectory.findByUsername(username).orElse(null);
        if (person != null && person.has(Role.ADMIN)) {
            return Api.withToken(port, adminToken(username));
        }
        return new Api(port, username, TestData.PASSWORD);
    }

    /**
     * An API token with all of this admin's roles, for calls to this or another gateway on the same database. The
     * admin issued it themselves with their second factor (as {@code POST /api/tokens} with {@code X-TOTP}), so it
     * may take decisions such as role grants and emergency overrides.
     */
    protected String adminToken(String username) {
        Staff person = staffDirectory.findByUsername(username).orElseThrow();
        return ADMIN_TOKENS.computeIfAbsent(username, admin -> apiTokens.issue(admin, new ApiTokens.NewToken("tests",
                null, person.roles(), null, clock.instant().plus(Duration.ofDays(399)), true), true).secret());
    }

    /** The API over HTTP Basic whoever it is (for the tests of HTTP Basic itself). */
    protected Api basic(String username) {
        return new Api(port, username, TestData.PASSWORD);
    }

    /**
     * Waits until every module reaction published during this test (notifications, cache evictions: after commit, on
     * another thread) has run or failed, so a test reads what they wrote.
     */
    protected void awaitReactions() {
        Awaitility.await("module reactions after commit").atMost(Duration.ofSeconds(10))
                .until(() -> reactions.sql("""
                        select count(*) from event_publication
                        where completion_date is null and coalesce(status, 'PUBLISHED') <> 'FAILED'
                          and id <> all(:before)
                        """).param("before", reactionsBefore).query(Long.class).single() == 0);
    }

    protected Api anonymous() {
        return new Api(port, null, null);
    }
}
