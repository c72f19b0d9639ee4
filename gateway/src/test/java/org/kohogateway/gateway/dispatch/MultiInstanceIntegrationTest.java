package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.demo.LineRetryKeys;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Two gateway processes (child JVMs, real clock, dispatch on) on one database and one simulated LINE, as two
 * production instances behind a load balancer: due deliveries go out once, a pause taken through one instance's API
 * holds the other too, and the scheduled jobs, triggered by both every second, run once.
 */
class MultiInstanceIntegrationTest extends IntegrationTest {

    private static final String BROADCAST = "/v2/bot/message/broadcast";
    private static final String A = "instance-a";
    private static final String B = "instance-b";
    private static final Duration START_UP = Duration.ofSeconds(120);

    private static ChildGateway instanceA;
    private static ChildGateway instanceB;
    private static int portA;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Pauses pauses;

    @Autowired
    AccountWorkflow accountWorkflow;

    @Autowired
    JobRepository jobRepository;

    private final WireMockServer platforms = SimulatedPlatforms.shared().server();

    @BeforeAll
    static void startTwoInstances() {
        Map<String, String> properties = Map.of(
                "gateway.dispatch.concurrency", "8",
                // the per-account rate limit has its own tests; here it would only stretch the run
                "gateway.guards.per-minute.LINE", "1000000",
                "gateway.dispatch.reconcile-every", "1h",
                "gateway.accounts.profile-check-cron", "-",
                // both instances trigger both jobs at the start of every second: always at once
                "gateway.housekeeping.cron", "* * * * * *",
                "gateway.accounts.closing-cron", "* * * * * *",
                "logging.level.org.kohogateway.gateway.housekeeping", "INFO");
        instanceA = ChildGateway.start(A, properties);
        instanceB = ChildGateway.start(B, properties);
    }

    @AfterAll
    static void stopThem() throws InterruptedException {
        for (ChildGateway child : new ChildGateway[] { instanceA, instanceB }) {
            if (child != null) {
                child.close();
            }
        }
    }

    @BeforeEach
    void bothRunning() {
        portA = instanceA.awaitStarted(START_UP);
        instanceB.awaitStarted(START_UP);
    }

    @Test
    void everyDueDeliveryIsSentExactlyOnceByTwoProcesses() {
        World world = data.world();
        String marker = "multi-instance " + world.poster();
        List<Delivery> due = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            due.add(data.approvedPost(world, marker + " #" + i, tomorrow(), i % 2 == 0 ? world.lineA() : world.lineA2())
                    .deliveries().getFirst());
        }
        // a little latency widens the window in which both instances are claiming and sending at once
        StubMapping slow = platforms.stubFor(post(urlPathEqualTo(BROADCAST)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")
                        .withUniformRandomDelay(5, 40).withTransformers(LineRetryKeys.NAME)));
        try {
            dueNow(due);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> statuses(due).values().stream().allMatch(s -> s == DeliveryStatus.SENT));
        } finally {
            platforms.removeStub(slow);
        }

        Map<String, Long> perKey = requests(marker).stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("X-Line-Retry-Key"), Collectors.counting()));
        assertThat(perKey.keySet()).isEqualTo(ids(due));
        assertThat(perKey.values()).as("exactly one platform request per delivery").containsOnly(1L);
        LineRetryKeys accepted = SimulatedPlatforms.shared().lineRetryKeys();
        assertThat(due).allSatisfy(d -> assertThat(accepted.acceptedCount(d.id().toString())).isEqualTo(1));
        assertThat(claimedBy(due).values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .as("both processes sent some").containsOnlyKeys(A, B);
    }

    @Test
    void aPauseTakenThroughOneInstanceHoldsTheOtherOnceTheCallReturns() {
        World world = data.world();
        OfficialAccount account = world.lineA();
        String marker = "multi-instance pause " + world.poster();
        List<Delivery> due = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            due.add(data.approvedPost(world, marker + " #" + i, tomorrow(), account).deliveries().getFirst());
        }
        // slow enough that the pause lands while both instances are sending for the account
        StubMapping slow = platforms.stubFor(post(urlPathEqualTo(BROADCAST)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")
                        .withFixedDelay(500).withTransformers(LineRetryKeys.NAME)));
        Instant returned;
        try {
            dueNow(due);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> requests(marker).size() >= 16 && claimedBy(due).containsValue(B));

            Api.Response pause = Api.withToken(portA, adminToken(world.admin())).post("/api/crisis/pause",
                    Api.json(Map.of("accountId", account.id(), "reason", "炎上対応のため停止")));
            returned = Instant.now();
            assertThat(pause.status()).as(pause.toString()).isEqualTo(200);

            // both instances go on polling; had either missed the pause, it would start requests now
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> requests(marker).stream().noneMatch(r -> r.getLoggedDate().toInstant().isAfter(returned)));
        } finally {
            platforms.removeStub(slow);
        }

        List<LoggedRequest> sent = requests(marker);
        Map<String, String> claimer = claimedBy(due);
        assertThat(sent).as("instance B was sending for the account before the pause")
                .anyMatch(r -> B.equals(claimer.get(r.getHeader("X-Line-Retry-Key"))));
        Map<DeliveryStatus, Long> outcome = statuses(due).values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(outcome.get(DeliveryStatus.SENT)).as("one request per sent delivery").isEqualTo(sent.size());
        assertThat(outcome.keySet()).as("the rest was held or never claimed")
                .isSubsetOf(DeliveryStatus.SENT, DeliveryStatus.HELD, DeliveryStatus.SCHEDULED);
        assertThat(sent.size()).as("the pause stopped something").isLessThan(due.size());
        pauses.resume(world.admin(), account.id());
    }

    @Test
    void scheduledJobsTriggeredByBothInstancesAtOnceRunOnce() {
        World world = data.world();
        LocalDate today = LocalDate.ofInstant(Instant.now(), AccountWorkflow.CITY_TIME);
        JobParameters day = new JobParametersBuilder().addLocalDate("day", today).toJobParameters();
        await().atMost(Duration.ofSeconds(10)).until(() -> jobRepository.getJobInstance("housekeeping", day) != null);
        // today's run undone, while both instances go on triggering it every second: they race for it again
        jobRepository.deleteJobInstance(jobRepository.getJobInstance("housekeeping", day));

        List<OfficialAccount> closing = new ArrayList<>();
        Map<Long, Delivery> pending = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            OfficialAccount account = data.account(world.departmentA(), Platform.LINE, "閉鎖 LINE " + i + " " + world.poster(),
                    new OperatingPolicy(true, ReplyPolicy.NO_REPLIES),
                    new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, "closing-" + i)));
            pending.put(account.id(), data.approvedPost(world, "閉鎖前のお知らせ " + i, Instant.now().plus(Duration.ofDays(30)),
                    account).deliveries().getFirst());
            closing.add(account);
        }
        for (OfficialAccount account : closing) {
            accountWorkflow.requestClosing(world.poster(), account.id(), "発信の一本化", today);
            accountWorkflow.approveAsDepartment(world.approver(), account.id(), "了承");
            accountWorkflow.approveAsPr(world.pr(), account.id(), "了承");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> housekeepingRuns(today) >= 1
                && closing.stream().allMatch(a -> "CLOSED".equals(accountStatus(a.id()))));
        // a few more seconds of both instances triggering both jobs
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> housekeepingRuns(today) == 1);

        for (OfficialAccount account : closing) {
            assertThat(auditCount("ACCOUNT", Long.toString(account.id()), "ACCOUNT_CLOSED")).as("closed once").isEqualTo(1);
            assertThat(auditCount("DELIVERY", pending.get(account.id()).id().toString(), "DELIVERY_CANCELLED"))
                    .as("its pending delivery cancelled once").isEqualTo(1);
        }
        for (ChildGateway child : List.of(instanceA, instanceB)) {
            assertThat(child.log()).as("%s triggered housekeeping too", child.instance())
                    .contains("housekeeping for " + today + " not run here");
        }
    }

    private static Instant tomorrow() {
        return Instant.now().plus(Duration.ofDays(1));
    }

    /** Brings the deliveries' time forward to now, all at once, so both instances find the whole batch due together. */
    private void dueNow(List<Delivery> deliveries) {
        int moved = jdbc.sql("update delivery set due_at = :now where id in (:ids) and status = 'SCHEDULED'")
                .param("now", java.sql.Timestamp.from(Instant.now())).param("ids", deliveries.stream().map(Delivery::id).toList())
                .update();
        assertThat(moved).isEqualTo(deliveries.size());
    }

    private List<LoggedRequest> requests(String marker) {
        return platforms.findAll(postRequestedFor(urlPathEqualTo(BROADCAST))
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker))));
    }

    private Map<UUID, DeliveryStatus> statuses(List<Delivery> deliveries) {
        Map<UUID, DeliveryStatus> statuses = new HashMap<>();
        jdbc.sql("select id, status from delivery where id in (:ids)")
                .param("ids", deliveries.stream().map(Delivery::id).toList())
                .query((rs, n) -> statuses.put(rs.getObject("id", UUID.class), DeliveryStatus.valueOf(rs.getString("status"))))
                .list();
        return statuses;
    }

    /** Which instance claimed each delivery (the last claim), from the audit trail. */
    private Map<String, String> claimedBy(List<Delivery> deliveries) {
        Map<String, String> claimer = new HashMap<>();
        jdbc.sql("""
                select subject_id, detail->>'instance' as instance from audit_entry
                where action = 'DELIVERY_CLAIMED' and subject_type = 'DELIVERY' and subject_id in (:ids) order by id
                """)
                .param("ids", List.copyOf(ids(deliveries)))
                .query((rs, n) -> claimer.put(rs.getString("subject_id"), rs.getString("instance")))
                .list();
        return claimer;
    }

    private static java.util.Set<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.id().toString()).collect(Collectors.toSet());
    }

    private int housekeepingRuns(LocalDate day) {
        return jdbc.sql("""
                select count(*) from batch_job_execution e join batch_job_instance i using (job_instance_id)
                join batch_job_execution_params p using (job_execution_id)
                where i.job_name = 'housekeeping' and p.parameter_name = 'day' and p.parameter_value = :day
                """).param("day", day.toString()).query(Integer.class).single();
    }

    private String accountStatus(long id) {
        return jdbc.sql("select status from official_account where id = :id").param("id", id).query(String.class).single();
    }

    private int auditCount(String subjectType, String subjectId, String action) {
        return jdbc.sql("select count(*) from audit_entry where subject_type = :type and subject_id = :id and action = :action")
                .param("type", subjectType).param("id", subjectId).param("action", action).query(Integer.class).single();
    }
}
