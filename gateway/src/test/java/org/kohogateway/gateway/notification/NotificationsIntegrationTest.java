package org.kohogateway.gateway.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostAwaitingApproval;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostEdit;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.support.SafeFetch;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications end to end: the real dispatcher, workflow and pauses announce, the outbox is written in their
 * transactions, and the worker delivers to a real SMTP server (GreenMail) and to webhook receivers (WireMock).
 */
@ExtendWith(OutputCaptureExtension.class)
class NotificationsIntegrationTest extends IntegrationTest {

    @Autowired
    org.kohogateway.gateway.crisis.Pauses pauses;

    private static final WireMockServer receiver = new WireMockServer(options().dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    NotificationWorker worker;

    @Autowired
    DataSource dataSource;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Outbox outbox;

    @Autowired
    MailChannel mail;

    @Autowired
    SafeFetch safeFetch;

    @Autowired
    WebhookChannel webhookChannel;

    @Autowired
    TaskScheduler scheduler;

    @Autowired
    Webhooks webhooks;

    @Autowired
    NotificationSettings settings;

    private final List<Long> registered = new ArrayList<>();
    private String registeredBy;

    @BeforeAll
    static void startReceiver() {
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    /** Webhooks of one test must not receive the events of the next. */
    @AfterEach
    void removeWebhooks() {
        registered.forEach(id -> webhooks.remove(registeredBy, id));
        registered.clear();
        receiver.resetAll();
    }

    @Test
    void mailsTheAuthorInJapaneseWhenADeliveryFails() throws Exception {
        World world = data.world();
        String poster = address(world, world.poster());
        String approver = address(world, world.approver());

        failedDelivery(world, "秋祭りのお知らせ（送信に失敗する）");
        deliverDue();

        List<MimeMessage> mails = mailsTo(poster);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.getFirst();
        assertThat(mail.getSubject()).startsWith("【投稿ゲートウェイ】送信に失敗しました").contains("空の認証情報");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("koho-gateway@city.example.jp");
        assertThat((String) mail.getContent()).contains("自動では再送されません").contains("秋祭りのお知らせ")
                .contains("has no credential 'channelAccessToken'").contains(world.poster());
        assertThat(subjects(approver)).as("a failure is the author's to act on")
                .noneMatch(subject -> subject.contains("送信に失敗"));
        assertThat(audit.find(new AuditQuery("NOTIFICATION", null, null, 1000)).stream()
                .filter(e -> e.action().equals("NOTIFICATION_SENT"))
                .anyMatch(e -> e.detail().contains("staff:" + world.poster()))).isTrue();
    }

    @Test
    void mailsThoseWhoMayApproveWhenAPostWaits() throws Exception {
        World world = data.world();
        String approver = address(world, world.approver());
        String both = address(world, world.both());
        String otherDepartment = address(world, world.approverB());
        String pr = address(world, world.pr());
        String poster = address(world, world.poster());

        Post department = data.draft(world.poster(), "所属長の承認を待つ投稿", null, world.lineA());
        workflow.submit(world.poster(), department.id());
        Post prReview = data.draft(world.poster(), "広報の承認を待つ投稿", null, world.lineAFree());
        workflow.submit(world.poster(), prReview.id());
        deliverDue();

        assertThat(subjects(approver)).containsExactly("【投稿ゲートウェイ】承認待ちの投稿があります（" + world.poster() + "）");
        assertThat((String) mailsTo(approver).getFirst().getContent()).contains("所属長の承認を待つ投稿")
                .contains("所属長の決裁").contains("承認後すぐ");
        assertThat(subjects(both)).hasSize(1);
        assertThat(subjects(otherDepartment)).as("an approver of another department").isEmpty();
        assertThat(subjects(poster)).as("the author is not asked to approve").isEmpty();
        assertThat(mailsTo(pr)).hasSize(1);
        assertThat((String) mailsTo(pr).getFirst().getContent()).contains("広報の承認を待つ投稿").contains("広報担当課の承認");
    }

    @Test
    void mailsTheAuthorAndApproversWhenADeliveryIsHeldForANewTime() throws Exception {
        World world = data.world();
        String poster = address(world, world.poster());
        String approver = address(world, world.approver());
        Post post = data.draft(world.poster(), "予定時刻を過ぎて承認される投稿", clock.instant().plus(Duration.ofMinutes(5)),
                world.lineA());
        workflow.submit(world.poster(), post.id());
        deliverDue();
        clock.advance(Duration.ofMinutes(10));

        workflow.approve(world.approver(), post.id(), "遅れて承認", Set.of(), workflow.get(post.id()).contentHash());
        deliverDue();

        assertThat(subjects(poster)).containsExactly("【投稿ゲートウェイ】配信が保留されています: " + world.lineA().name());
        assertThat(subjects(approver)).contains("【投稿ゲートウェイ】配信が保留されています: " + world.lineA().name());
        assertThat((String) mailsTo(poster).getFirst().getContent()).contains("approved after its scheduled time");
    }

    @Test
    void mailsTheAuthorAndThoseWhoSettleItWhenADeliveryIsUncertain() throws Exception {
        World world = data.world();
        String poster = address(world, world.poster());
        String pr = address(world, world.pr());
        String admin = address(world, world.admin());
        String approver = address(world, world.approver());
        String marker = TestData.unique();
        WireMockServer platforms = SimulatedPlatforms.shared().server();
        StubMapping lost = platforms.stubFor(post(urlPathEqualTo("/2/tweets")).withRequestBody(containing(marker))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try {
            data.approvedPost(world, "答えが失われる投稿 " + marker, null, world.x());
            dispatcher.drain();
        } finally {
            platforms.removeStub(lost);
        }
        deliverDue();

        String subject = "【投稿ゲートウェイ】送信結果が不明です: " + world.x().name();
        assertThat(subjects(poster)).containsExactly(subject);
        assertThat(subjects(pr)).contains(subject);
        assertThat(subjects(admin)).contains(subject);
        assertThat(subjects(approver)).doesNotContain(subject);
        assertThat((String) mailsTo(poster).getFirst().getContent()).contains("自動では再送されません")
                .contains("答えが失われる投稿");
    }

    @Test
    void honoursAPersonsChoiceNotToBeMailedAKind() throws Exception {
        World world = data.world();
        String approver = address(world, world.approver());
        String both = address(world, world.both());
        Api me = api(world.approver());

        Api.Response changed = me.put("/api/me/notifications", "{\"email\":{\"APPROVAL_WAITING\":false}}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode settings = me.get("/api/me/notifications").json();
        assertThat(settings.path("email").asString()).isEqualTo(approver);
        assertThat(settings.path("mailConfigured").asBoolean()).isTrue();
        assertThat(settings.path("byEmail").path("APPROVAL_WAITING").asBoolean()).isFalse();
        assertThat(settings.path("byEmail").path("DELIVERY_HELD").asBoolean()).as("untouched kinds stay on").isTrue();

        Post post = data.draft(world.poster(), "承認を待つ投稿", null, world.lineA());
        workflow.submit(world.poster(), post.id());
        deliverDue();

        assertThat(mailsTo(both)).as("another approver of the department still hears of it").hasSize(1);
        assertThat(mailsTo(approver)).as("switched off").isEmpty();
        assertThat(api(world.auditor()).get("/api/audit?subjectType=STAFF&subjectId=" + world.approver()).body())
                .contains("NOTIFICATION_PREFERENCES_CHANGED").contains("APPROVAL_WAITING");

        me.put("/api/me/notifications", "{\"email\":{\"APPROVAL_WAITING\":true}}");
        workflow.approve(world.both(), post.id(), "承認", Set.of(), workflow.get(post.id()).contentHash());
        workflow.edit(world.poster(), post.id(), PostEdit.of("承認を待つ投稿（承認後に修正）", List.of(),
                PostCategory.NOTICE, null));
        deliverDue();
        assertThat(mailsTo(approver)).as("switched on again; an edit after approval asks again").hasSize(1);
        assertThat((String) mailsTo(approver).getFirst().getContent()).contains("承認後に修正");
    }

    @Test
    void signsEachWebhookRequestSoTheReceiverCanVerifyIt() {
        World world = data.world();
        String secret = secret();
        register(world, "/hooks/signed", secret, Set.of("DELIVERY_FAILED"), world.departmentA().id());
        receiver.stubFor(post(urlPathEqualTo("/hooks/signed")).willReturn(aResponse().withStatus(204)));

        Delivery failed = failedDelivery(world, "署名付きで知らせる失敗");
        Instant sentAt = clock.instant();
        deliverDue();

        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/signed")));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.getFirst();
        String timestamp = request.getHeader("X-Koho-Timestamp");
        assertThat(Long.parseLong(timestamp)).isEqualTo(sentAt.getEpochSecond());
        assertThat(request.getHeader("X-Koho-Signature"))
                .isEqualTo("sha256=" + hmacSha256Hex(secret, timestamp + "." + request.getBodyAsString()))
                .isNotEqualTo("sha256=" + hmacSha256Hex(secret() , timestamp + "." + request.getBodyAsString()));
        assertThat(request.getHeader("X-Koho-Event-Type")).isEqualTo("DELIVERY_FAILED");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode event = JSON.readTree(request.getBodyAsString());
        assertThat(event.path("id").asString()).isEqualTo(request.getHeader("X-Koho-Event-Id"));
        assertThat(event.path("type").asString()).isEqualTo("DELIVERY_FAILED");
        assertThat(event.path("departmentId").asLong()).isEqualTo(world.departmentA().id());
        assertThat(event.path("data").path("deliveryId").asString()).isEqualTo(failed.id().toString());
        assertThat(event.path("data").path("status").asString()).isEqualTo("FAILED");
        assertThat(event.path("data").path("reason").asString()).contains("channelAccessToken");
        assertThat(status(webhookNotifications(registered.getFirst()).getFirst())).isEqualTo("SENT");
    }

    @Test
    void retriesAfterATimeoutAndA500WithBackoffThenDeliversTheSameEvent() {
        NotificationProperties impatient = properties(2, Duration.ofMillis(300));
        NotificationWorker impatientWorker = new NotificationWorker(outbox, mail,
                new WebhookChannel(webhooks, impatient, clock, safeFetch), impatient, clock, scheduler);
        World world = data.world();
        long webhook = register(world, "/hooks/flaky", secret(), Set.of("DELIVERY_FAILED"), world.departmentA().id());
        receiver.stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(1_000)).willSetStateTo("broken"));
        receiver.stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs("broken")
                .willReturn(aResponse().withStatus(500).withBody("database down")).willSetStateTo("healthy"));
        receiver.stubFor(post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs("healthy")
                .willReturn(aResponse().withStatus(200)));
        failedDelivery(world, "受け手が不調でも届く失敗の知らせ");

        awaitReactions();
        impatientWorker.deliverDue();
        Map<String, Object> row = webhookNotifications(webhook).getFirst();
        assertThat(status(row)).isEqualTo("PENDING");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("no answer within");

        clock.advance(Duration.ofSeconds(61));
        deliverDue();
        row = webhookNotifications(webhook).getFirst();
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat((String) row.get("last_error")).isEqualTo("HTTP 500: database down");

        clock.advance(Duration.ofSeconds(61));
        deliverDue();
        assertThat(webhookNotifications(webhook).getFirst().get("attempts"))
                .as("the second retry waits twice as long (2 min)").isEqualTo(2);
        clock.advance(Duration.ofSeconds(60));
        deliverDue();

        row = webhookNotifications(webhook).getFirst();
        assertThat(status(row)).isEqualTo("SENT");
        assertThat(row.get("attempts")).isEqualTo(3);
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/flaky")));
        assertThat(requests).hasSize(3);
        assertThat(requests.stream().map(r -> r.getHeader("X-Koho-Event-Id")).distinct()).hasSize(1);
        assertThat(requests.stream().map(r -> r.getHeader("X-Koho-Timestamp")).distinct())
                .as("each attempt is signed at its own time").hasSize(3);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=NOTIFICATION&subjectId=" + row.get("id")).body())
                .contains("NOTIFICATION_RETRY_SCHEDULED").contains("NOTIFICATION_SENT");
    }

    @Test
    void givesUpAtOnceWhenTheReceiverRefusesWithA400() {
        World world = data.world();
        long webhook = register(world, "/hooks/refusing", secret(), Set.of("DELIVERY_FAILED"), world.departmentA().id());
        receiver.stubFor(post(urlPathEqualTo("/hooks/refusing")).willReturn(aResponse().withStatus(400)
                .withBody("unknown event")));
        failedDelivery(world, "受け手に拒まれる知らせ");

        deliverDue();
        clock.advance(Duration.ofDays(1));
        deliverDue();

        Map<String, Object> row = webhookNotifications(webhook).getFirst();
        assertThat(status(row)).isEqualTo("FAILED");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).isEqualTo("HTTP 400: unknown event");
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/refusing")))).hasSize(1);
        assertThat(api(world.admin()).get("/api/notifications?status=FAILED").body()).contains(row.get("id").toString());
    }

    @Test
    void givesUpWithoutConnectingWhenAWebhookPointsIntoAPrivateNetwork() {
        World world = data.world();
        long webhook = register(world, "/hooks/moved-inside", secret(), Set.of("DELIVERY_FAILED"),
                world.departmentA().id());
        // as if registered before the rule, or edited in the database: the send checks again
        jdbc.sql("update webhook set url = 'https://10.255.255.1/hook' where id = :id").param("id", webhook).update();
        failedDelivery(world, "内部ネットワークへの知らせ");

        deliverDue();

        Map<String, Object> row = webhookNotifications(webhook).getFirst();
        assertThat(status(row)).as(row.toString()).isEqualTo("FAILED");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("refused").contains("10.255.255.1");
    }

    @Test
    void aFailingReceiverNeitherLosesTheNotificationNorTouchesDispatch() {
        World world = data.world();
        long webhook = register(world, "/hooks/down", secret(), Set.of("DELIVERY_FAILED", "APPROVAL_WAITING"),
                world.departmentA().id());
        receiver.stubFor(post(urlPathEqualTo("/hooks/down")).willReturn(aResponse().withStatus(503)));

        Delivery failed = failedDelivery(world, "失敗する配信");
        Delivery good = data.approvedPost(world, "普通に届く配信", null, world.lineA()).deliveries().getFirst();
        deliverDue();
        dispatcher.drain();
        deliverDue();

        assertThat(view(good).status()).as("dispatch goes on while the receiver is down").isEqualTo(DeliveryStatus.SENT);
        assertThat(view(failed).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(webhookNotifications(webhook)).extracting(NotificationsIntegrationTest::status)
                .as("one per event: two approvals waiting and one failure, all kept for another attempt")
                .containsOnly("PENDING").hasSize(3);

        receiver.resetAll();
        receiver.stubFor(post(urlPathEqualTo("/hooks/down")).willReturn(aResponse().withStatus(200)));
        clock.advance(Duration.ofHours(1));
        deliverDue();
        assertThat(webhookNotifications(webhook)).extracting(NotificationsIntegrationTest::status).containsOnly("SENT");
    }

    @Test
    void aSubmissionCommitsWithoutWaitingForItsNotificationWhichIsWrittenAfterwards() throws Exception {
        World world = data.world();
        address(world, world.approver());
        Post post = data.draft(world.poster(), "通知を待たずに提出される投稿", null, world.lineA());
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            // plain reads go on; any insert into the outbox waits (up to the 5 s lock timeout)
            blocker.createStatement().execute("lock table notification in exclusive mode");

            CompletableFuture.runAsync(() -> workflow.submit(world.poster(), post.id())).get(3, TimeUnit.SECONDS);
            assertThat(workflow.get(post.id()).status()).isEqualTo(PostStatus.SUBMITTED);
            assertThat(notificationsAbout(post)).as("not yet: the outbox is locked").isZero();
            blocker.rollback();
        }

        awaitReactions();
        assertThat(notificationsAbout(post)).as("the approvers' mails, written once the outbox is free").isPositive();
    }

    @Test
    void aNotificationThatCannotBeRecordedDoesNotUndoTheChangeItTellsAbout() {
        String subject = "notification-test-" + TestData.unique();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("test", "TEST_CHANGE", "TEST", subject, null, "DONE", Map.of());
            // no such post: the recorder cannot load it and fails inside
            events.publishEvent(new PostAwaitingApproval(PostId.random(), 1, ApprovalRoute.DEPARTMENT, 1));
            audit.record("test", "TEST_CHANGE_CONTINUED", "TEST", subject, "DONE", "DONE", Map.of());
        });

        assertThat(audit.find(new AuditQuery("TEST", subject, null, 10))).extracting(e -> e.action())
                .containsExactlyInAnyOrder("TEST_CHANGE", "TEST_CHANGE_CONTINUED");
    }

    @Test
    void tellsTheAffectedDepartmentAdminsAndPrOfficersOfPausesAndWebhooksOfTheirDepartment() throws Exception {
        World world = data.world();
        String admin = address(world, world.admin());
        String pr = address(world, world.pr());
        String poster = address(world, world.poster());
        String otherDepartment = address(world, world.approverB());
        register(world, "/hooks/every-department", secret(), Set.of("SENDING_PAUSED", "SENDING_RESUMED"), null);
        register(world, "/hooks/other-department", secret(), Set.of("SENDING_PAUSED", "SENDING_RESUMED"),
                world.departmentB().id());
        receiver.stubFor(post(urlPathEqualTo("/hooks/every-department")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlPathEqualTo("/hooks/other-department")).willReturn(aResponse().withStatus(200)));

        Api.Response paused = api(world.pr()).post("/api/crisis/pause",
                Api.json(Map.of("accountId", world.lineA().id(), "reason", "なりすまし対応")));
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        Api.Response resumed = api(world.pr()).post("/api/crisis/resume",
                Api.json(Map.of("accountId", world.lineA().id())));
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        deliverDue();

        assertThat(subjects(admin)).containsExactlyInAnyOrder(
                "【投稿ゲートウェイ】送信を停止しました: " + world.lineA().name(),
                "【投稿ゲートウェイ】送信を再開しました: " + world.lineA().name());
        MimeMessage pausedMail = mailsTo(admin).stream().filter(m -> subject(m).contains("停止")).findFirst()
                .orElseThrow();
        assertThat((String) pausedMail.getContent()).contains("なりすまし対応").contains(world.pr());
        assertThat(mailsTo(pr)).as("the person who paused knows").isEmpty();
        assertThat(subjects(poster)).as("the paused account's department, whose posts stop").hasSize(2);
        assertThat(mailsTo(otherDepartment)).as("a department whose accounts go on sending").isEmpty();
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/every-department"))))
                .extracting(r -> r.getHeader("X-Koho-Event-Type"))
                .contains("SENDING_PAUSED", "SENDING_RESUMED");
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/other-department")))).isEmpty();
    }

    @Test
    void aPauseTellsEveryDepartmentWithAnAccountWhoMayStillPostAndWhenItEnds() {
        World world = data.world();
        String otherDepartment = address(world, world.approverB());
        Instant endsAt = Instant.parse("2031-07-01T09:00:00Z");

        Api.Response paused = api(world.admin()).post("/api/crisis/pause", Api.json(Map.of("reason", "台風接近のため",
                "exceptDepartmentId", world.departmentB().id(), "exceptCategory", "EMERGENCY",
                "endsAt", endsAt.toString())));
        try {
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        } finally {
            pauses.resume(world.admin(), null);
        }
        awaitReactions();

        // every department with an account is told: read this one's mail from the outbox rather than wait for all
        String body = jdbc.sql("select body from notification where kind = 'SENDING_PAUSED' and email = :to")
                .param("to", otherDepartment).query(String.class).single();
        assertThat(mail.render(NotificationKind.SENDING_PAUSED, body).text()).contains("台風接近のため")
                .contains(world.departmentB().name() + " 災害・緊急").contains("2031-07-01 18:00");
        // the other tests' mails come after these in the outbox: send these now
        await().until(() -> worker.deliverDue() == 0);
    }

    @Test
    void twoWorkersNeverSendOneNotificationTwice() {
        World world = data.world();
        long webhook = register(world, "/hooks/shared", secret(), Set.of("DELIVERY_FAILED"), world.departmentA().id());
        receiver.stubFor(post(urlPathEqualTo("/hooks/shared")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(100)));
        int count = 12;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                UUID event = UUID.randomUUID();
                outbox.addWebhook(event, NotificationKind.DELIVERY_FAILED, webhook,
                        "{\"id\":\"" + event + "\",\"type\":\"DELIVERY_FAILED\",\"data\":{}}", clock.instant());
            }
        });
        NotificationProperties small = properties(2, Duration.ofSeconds(10));
        NotificationWorker first = new NotificationWorker(outbox, mail, webhookChannel, small, clock, scheduler);
        NotificationWorker second = new NotificationWorker(outbox, mail, webhookChannel, small, clock, scheduler);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> drain(first));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> drain(second));

        assertThat(a.join() + b.join()).as("other tests' notifications may be due too").isGreaterThanOrEqualTo(count);
        assertThat(webhookNotifications(webhook)).extracting(NotificationsIntegrationTest::status).containsOnly("SENT")
                .hasSize(count);
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/shared")));
        assertThat(requests).hasSize(count);
        assertThat(requests.stream().map(r -> r.getHeader("X-Koho-Event-Id")).distinct()).hasSize(count);
    }

    @Test
    void takesOverTheNotificationOfAWorkerThatDiedAndGivesUpAfterTheLastAttempt() {
        World world = data.world();
        long webhook = register(world, "/hooks/unwell", secret(), Set.of("DELIVERY_FAILED"), world.departmentA().id());
        receiver.stubFor(post(urlPathEqualTo("/hooks/unwell")).willReturn(aResponse().withStatus(502)));
        UUID event = UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(status -> outbox.addWebhook(event,
                NotificationKind.DELIVERY_FAILED, webhook, "{\"id\":\"" + event + "\"}", clock.instant()));
        Notification abandoned = outbox.claim(clock.instant(), 1000, "dead-worker", Duration.ofMinutes(5)).stream()
                .filter(n -> n.eventId().equals(event)).findFirst().orElseThrow();
        NotificationProperties threeAttempts = new NotificationProperties(true, Duration.ofHours(1), 20, 3,
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(5),
                "koho-gateway@city.example.jp", null, true);
        NotificationWorker survivor = new NotificationWorker(outbox, mail, webhookChannel, threeAttempts, clock, scheduler);

        survivor.deliverDue();
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/unwell")))).as("still leased").isEmpty();
        clock.advance(Duration.ofMinutes(6));
        survivor.deliverDue();
        clock.advance(Duration.ofMinutes(10));
        survivor.deliverDue();
        outbox.sent(abandoned, "dead-worker", clock.instant());

        Map<String, Object> row = webhookNotifications(webhook).getFirst();
        assertThat(status(row)).as("the late word of the dead worker changes nothing").isEqualTo("FAILED");
        assertThat(row.get("attempts")).as("the dead worker's attempt counts").isEqualTo(3);
        assertThat((String) row.get("last_error")).isEqualTo("HTTP 502 (gave up after 3 attempts)");
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/unwell")))).hasSize(2);
    }

    @Test
    void neverReturnsLogsOrAuditsTheWebhookSecret(CapturedOutput output) {
        World world = data.world();
        String secret = secret();
        Api admin = api(world.admin());
        String body = Api.json(Map.of("name", "庁内チャット", "url", receiver.baseUrl() + "/hooks/secret",
                "secret", secret, "kinds", List.of("DELIVERY_FAILED"), "departmentId", world.departmentA().id()));
        Api.Response created = admin.post("/api/notifications/webhooks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        registered.add(id);
        registeredBy = world.admin();
        receiver.stubFor(post(urlPathEqualTo("/hooks/secret")).willReturn(aResponse().withStatus(401)));
        String changedSecret = secret();
        Api.Response changed = admin.put("/api/notifications/webhooks/" + id, Api.json(Map.of("name", "庁内チャット",
                "url", receiver.baseUrl() + "/hooks/secret", "secret", changedSecret, "kinds", List.of("DELIVERY_FAILED"),
                "departmentId", world.departmentA().id())));
        failedDelivery(world, "秘密を漏らさない");
        deliverDue();

        List<String> answers = List.of(created.body(), changed.body(), admin.get("/api/notifications/webhooks").body(),
                admin.get("/api/notifications/webhooks/" + id).body(), admin.get("/api/notifications").body(),
                api(world.auditor()).get("/api/audit?subjectType=WEBHOOK&subjectId=" + id).body());
        assertThat(answers).allSatisfy(a -> assertThat(a).doesNotContain(secret).doesNotContain(changedSecret));
        assertThat(answers.get(5)).contains("WEBHOOK_REGISTERED").contains("WEBHOOK_CHANGED").contains("secretChanged");
        assertThat(output.getAll()).contains("given up").doesNotContain(secret).doesNotContain(changedSecret);
        byte[] stored = jdbc.sql("select secret from webhook where id = :id").param("id", id).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(changedSecret);
        LoggedRequest signed = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/secret"))).getFirst();
        assertThat(signed.getHeader("X-Koho-Signature")).as("signed with the new secret").isEqualTo(
                "sha256=" + hmacSha256Hex(changedSecret, signed.getHeader("X-Koho-Timestamp") + "."
                        + signed.getBodyAsString()));
    }

    /** As the tests configure the gateway, with this batch size and webhook timeout. */
    private static NotificationProperties properties(int batchSize, Duration webhookTimeout) {
        return new NotificationProperties(true, Duration.ofHours(1), batchSize, 8, Duration.ofMinutes(1),
                Duration.ofHours(1), webhookTimeout, Duration.ofMinutes(5), "koho-gateway@city.example.jp", null, true);
    }

    private int drain(NotificationWorker w) {
        awaitReactions();
        int total = 0;
        for (int claimed = w.deliverDue(); claimed > 0; claimed = w.deliverDue()) {
            total += claimed;
        }
        return total;
    }

    /** The receiver's own check, written from the documented scheme rather than with the gateway's code. */
    private static String hmacSha256Hex(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secret() {
        return "whsec-test-" + TestData.unique() + "-0123456789abcdef";
    }

    /** Registers a webhook as the world's admin (the API itself is tested in NotificationApiIntegrationTest). */
    private long register(World world, String path, String secret, Set<String> kinds, Long departmentId) {
        long id = webhooks.register(world.admin(), new Webhooks.Registration("受信 " + path, receiver.baseUrl() + path,
                secret, kinds.stream().map(NotificationKind::valueOf).collect(java.util.stream.Collectors.toSet()),
                departmentId, null)).id();
        registered.add(id);
        registeredBy = world.admin();
        return id;
    }

    /** Gives a member of staff an address unique to them, as the world's admin, and returns it. */
    private String address(World world, String username) {
        String address = username + "@city.example.jp";
        settings.changeAddress(world.admin(), username, address);
        return address;
    }

    /** A delivery to an account without credentials, through the real dispatcher: it fails permanently. */
    private Delivery failedDelivery(World world, String text) {
        OfficialAccount broken = data.account(world.departmentA(), Platform.LINE, "空の認証情報 " + TestData.unique(),
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), new PlatformCredentials(Map.of()));
        Delivery delivery = data.approvedPost(world, text, null, broken).deliveries().getFirst();
        dispatcher.drain();
        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.FAILED);
        return delivery;
    }

    private DeliveryView view(Delivery delivery) {
        return sendLog.byIds(List.of(delivery.id())).getFirst();
    }

    /** Delivers what is due once the notifications about the test's changes are written (after their commit). */
    private void deliverDue() {
        awaitReactions();
        worker.deliverDue();
    }

    private long notificationsAbout(Post post) {
        return jdbc.sql("select count(*) from notification where kind = 'APPROVAL_WAITING' and body like :post")
                .param("post", "%" + post.id() + "%").query(Long.class).single();
    }

    private List<Map<String, Object>> webhookNotifications(long webhook) {
        awaitReactions();
        return jdbc.sql("select id, status, attempts, last_error from notification where webhook_id = :id "
                + "order by created_at").param("id", webhook).query().listOfRows();
    }

    private static String status(Map<String, Object> row) {
        return (String) row.get("status");
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(TestMail.shared().getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> subjects(String address) {
        return mailsTo(address).stream().map(NotificationsIntegrationTest::subject).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
