package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.post.UncertainDeliveries;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

class DispatcherIntegrationTest extends IntegrationTest {

    private static final String BROADCAST = "/v2/bot/message/broadcast";

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
    UncertainDeliveries uncertain;

    @Autowired
    org.kohogateway.gateway.crisis.Pauses pauses;

    private final WireMockServer line = SimulatedPlatforms.shared().server();
    private StubMapping override;

    @AfterEach
    void removeOverride() {
        if (override != null) {
            line.removeStub(override);
        }
    }

    @Test
    void neverSendsBeforeTheScheduledTime() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofHours(1));
        Delivery delivery = only(data.approvedPost(world, "1時間後に配信", at, world.lineA()));

        dispatcher.drain();
        clock.set(at.minusMillis(1));
        dispatcher.drain();

        assertThat(requestsFor(delivery)).isZero();
        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SCHEDULED);

        clock.set(at);
        dispatcher.drain();

        assertThat(requestsFor(delivery)).isOne();
        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void retriesAServerErrorLaterWithTheSameRetryKey() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "一時的な障害", null, world.lineA()));
        answer(delivery, aResponse().withStatus(500).withBody("{\"message\":\"internal error\"}"));

        dispatcher.drain();

        DeliveryView retry = view(delivery);
        assertThat(retry.status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(retry.attempts()).isOne();
        assertThat(retry.dueAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(10)));
        assertThat(retry.lastError()).contains("500");

        dispatcher.drain();
        assertThat(requestsFor(delivery)).as("no retry before the backoff has passed").isOne();

        line.removeStub(override);
        override = null;
        clock.advance(Duration.ofSeconds(10));
        dispatcher.drain();

        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SENT);
        assertThat(requestsFor(delivery)).as("both attempts carried the delivery's retry key").isEqualTo(2);
    }

    @Test
    void honoursRetryAfterOn429() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "レート制限", null, world.lineA()));
        answer(delivery, aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withBody("{\"message\":\"The API rate limit has been exceeded. Try again later.\"}"));

        dispatcher.drain();

        assertThat(view(delivery).dueAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(120)));
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "不正なリクエスト", null, world.lineA()));
        answer(delivery, aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"The request body has 1 error(s)\",\"details\":[{\"message\":\"May not be empty\",\"property\":\"messages[0].text\"}]}"));

        dispatcher.drain();
        clock.advance(Duration.ofHours(1));
        dispatcher.drain();

        DeliveryView failed = view(delivery);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).contains("The request body has 1 error(s)");
        assertThat(requestsFor(delivery)).isOne();
    }

    @Test
    void resendsAnUnknownOutcomeOnLineBecauseTheRetryKeyMakesItSafe() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "接続リセット", null, world.lineA()));
        answer(delivery, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        dispatcher.drain();

        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SCHEDULED);
        line.removeStub(override);
        override = null;
        clock.advance(Duration.ofMinutes(1));
        dispatcher.drain();
        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SENT);
    }

    /**
     * LINE may have made the broadcast before its answer was lost, or before it failed with a server error: the retry
     * key makes a retry safe, but a pause before it must not hold the delivery as if nothing had gone out.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "answer lost", "server error" })
    void aLineDeliveryThatMayBeOutIsUncertainNotHeldWhenAPauseStopsItsRetry(String firstAnswer) {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "出ているかもしれない配信: " + firstAnswer, null, world.lineA()));
        answer(delivery, firstAnswer.equals("answer lost") ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                : aResponse().withStatus(500).withBody("{\"message\":\"internal error\"}"));
        dispatcher.drain();
        assertThat(status(delivery)).as("retried under the same key").isEqualTo(DeliveryStatus.SCHEDULED);
        pauses.pause(world.admin(), world.lineA().id(), "炎上対応");

        clock.advance(Duration.ofMinutes(5));
        pauses.resume(world.admin(), world.lineA().id());

        assertThat(status(delivery)).as("it may already be out: a person looks before a new time or a cancel")
                .isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(view(delivery).lastError()).contains("may already have been delivered");
    }

    @Test
    void aLineDeliveryRequeuedAfterItsSenderDiedMidRequestIsUncertainNotHeldWhenAPauseStopsIt() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "送信中に落ちたインスタンスの配信", null, world.lineA()));
        var claimed = deliveries.claim(clock.instant(), 1000, "dead-instance", Duration.ofMinutes(2)).stream()
                .filter(c -> c.id().equals(delivery.id())).toList();
        deliveries.markStarted(claimed, clock.instant());
        pauses.pause(world.admin(), world.lineA().id(), "炎上対応");

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        dispatcher.drain();
        assertThat(status(delivery)).as("requeued: LINE recognises the retry").isEqualTo(DeliveryStatus.SCHEDULED);
        clock.advance(Duration.ofMinutes(5));
        pauses.resume(world.admin(), world.lineA().id());

        assertThat(status(delivery)).as("its request had started, so it may already be out")
                .isEqualTo(DeliveryStatus.UNCERTAIN);
    }

    @Test
    void aLineDeliveryWhoseAnswerWasLostIsUncertainNotFailedWhenALaterAttemptIsRefused() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "応答が失われた後に拒否", null, world.lineA()));
        answer(delivery, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        dispatcher.drain();
        line.removeStub(override);
        answer(delivery, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Authentication failed\"}"));

        clock.advance(Duration.ofMinutes(1));
        dispatcher.drain();

        assertThat(status(delivery)).isEqualTo(DeliveryStatus.UNCERTAIN);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "ずっと障害", null, world.lineA()));
        // refused before anything is made (a server error might have made it: that one ends UNCERTAIN, tested above)
        answer(delivery, aResponse().withStatus(429).withBody("{\"message\":\"The API rate limit has been exceeded.\"}"));

        for (int attempt = 0; attempt < 6; attempt++) {
            dispatcher.drain();
            clock.advance(Duration.ofMinutes(2));
        }

        DeliveryView failed = view(delivery);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(failed.lastError()).contains("gave up after 5 attempts");
        assertThat(requestsFor(delivery)).isEqualTo(5);
    }

    @Test
    void makesALineDeliveryUncertainWhenEvenItsLastAnswerWasLost() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "最後まで応答なし", null, world.lineA()));
        answer(delivery, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        for (int attempt = 0; attempt < 6; attempt++) {
            dispatcher.drain();
            clock.advance(Duration.ofMinutes(2));
        }

        DeliveryView lost = view(delivery);
        assertThat(lost.status()).as("it may have arrived: a person looks, it is not FAILED")
                .isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(lost.lastError()).contains("after 5 attempts");
        assertThat(requestsFor(delivery)).isEqualTo(5);
    }

    @Test
    void holdsADeliveryThatWouldGoOutMoreThanHalfAnHourLate() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofHours(1));
        Delivery late = only(data.approvedPost(world, "本日10時から開催します", at, world.lineA()));
        Delivery onTime = only(data.approvedPost(world, "まだ間に合うお知らせ", at.plus(Duration.ofMinutes(5)),
                world.lineA()));

        // the gateway was down from before the posts' times until 35 minutes after the first
        clock.set(at.plus(Duration.ofMinutes(35)));
        dispatcher.drain();

        assertThat(status(late)).isEqualTo(DeliveryStatus.HELD);
        assertThat(view(late).holdReason()).contains("30 minutes late");
        assertThat(requestsFor(late)).isZero();
        assertThat(audit.find(new AuditQuery("DELIVERY", late.id().toString(), null, 5)).getFirst().action())
                .isEqualTo("DELIVERY_HELD_OVERDUE");
        assertThat(status(onTime)).as("30 minutes late is still sent").isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aRetryOrDeferralKeepsTheTimeTheDeliveryWasMeantFor() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofHours(1));
        Delivery delivery = only(data.approvedPost(world, "予定時刻は変わらない", at, world.lineA()));
        answer(delivery, aResponse().withStatus(429).withBody("{\"message\":\"The API rate limit has been exceeded.\"}"));
        clock.set(at);
        dispatcher.drain();
        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SCHEDULED);
        line.removeStub(override);
        override = null;

        // the retry's due time moved on; what the delivery was meant for did not
        assertThat(jdbc.sql("select scheduled_for from delivery where id = :id").param("id", delivery.id())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(at);
        clock.set(at.plus(Duration.ofMinutes(31)));
        dispatcher.drain();
        assertThat(status(delivery)).isEqualTo(DeliveryStatus.HELD);
    }

    @Test
    void asksAPersonBeforeResendingOnLineOnceItsRetryKeyHasExpired() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "一日前に応答が失われた配信", null, world.lineA()));
        // its first attempt started a day ago (its answer was lost); since then it waited, e.g. held by a pause
        jdbc.sql("update delivery set first_started_at = :then, attempts = 1 where id = :id")
                .param("then", java.sql.Timestamp.from(clock.instant().minus(Duration.ofHours(24))))
                .param("id", delivery.id()).update();

        dispatcher.drain();

        assertThat(status(delivery)).isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(view(delivery).lastError()).contains("forgets a retry key after 24 hours");
        assertThat(requestsFor(delivery)).isZero();

        uncertain.resolve(world.admin(), delivery.id(), false, null, "LINE の配信履歴に無いことを確認");
        dispatcher.drain();
        assertThat(status(delivery)).as("a person's resend starts a fresh retry-key window").isEqualTo(DeliveryStatus.SENT);
        assertThat(requestsFor(delivery)).isOne();
    }

    @Test
    void requeuesALineDeliveryWhoseDispatcherDiedWhileSending() {
        World world = data.world();
        Delivery delivery = only(data.approvedPost(world, "落ちたインスタンス", null, world.lineA()));
        var claimedByDeadInstance = deliveries.claim(clock.instant(), 1000, "dead-instance", Duration.ofMinutes(2));
        assertThat(claimedByDeadInstance).extracting(c -> c.id()).contains(delivery.id());

        dispatcher.drain();
        assertThat(status(delivery)).as("lease still valid").isEqualTo(DeliveryStatus.SENDING);

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        dispatcher.drain();

        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SENT);
        assertThat(audit.find(AuditQuery.forSubject("DELIVERY", delivery.id().toString())))
                .extracting(e -> e.action()).contains("DELIVERY_LEASE_EXPIRED");
    }

    @Test
    void doesNotSendAPostWhoseApprovalWasVoidedByAnEdit() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofMinutes(5));
        Post post = data.approvedPost(world, "承認後に編集", at, world.lineA());
        workflow.edit(world.poster(), post.id(), org.kohogateway.gateway.post.PostEdit.of("承認後に編集しました",
                java.util.List.of(), post.content().category(), at));

        clock.set(at);
        dispatcher.drain();

        assertThat(requestsFor(only(post))).isZero();
        assertThat(status(only(post))).isEqualTo(DeliveryStatus.WAITING);
    }

    @Test
    void doesNotClaimADeliveryWhosePostNoLongerMatchesItsApprovalEvenIfChangedBehindTheWorkflowsBack() {
        World world = data.world();
        Post post = data.approvedPost(world, "承認どおりの本文", null, world.lineA());
        // as if someone edited the row directly: the approval's hash no longer matches the content
        jdbc.sql("update post set text = '改ざんされた本文', content_hash = 'changed' where id = :id")
                .param("id", post.id().value()).update();

        dispatcher.drain();

        assertThat(requestsFor(only(post))).isZero();
        assertThat(status(only(post))).isEqualTo(DeliveryStatus.SCHEDULED);
    }

    @Test
    void holdsADeliveryWhoseTextWasChangedBehindTheWorkflowsBackEvenWhenItsStoredHashWasLeftAlone() {
        World world = data.world();
        Post post = data.approvedPost(world, "承認された本文", null, world.lineA());
        // a direct edit of the text only: the stored hashes still agree, so only recomputing the fingerprint sees it
        jdbc.sql("update post set text = '承認されていない本文' where id = :id").param("id", post.id().value()).update();

        dispatcher.drain();

        assertThat(requestsFor(only(post))).isZero();
        assertThat(status(only(post))).isEqualTo(DeliveryStatus.HELD);
        assertThat(view(only(post)).holdReason()).contains("not what was approved");
    }

    private void answer(Delivery delivery, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        override = line.stubFor(post(urlPathEqualTo(BROADCAST)).atPriority(1)
                .withHeader("X-Line-Retry-Key", equalTo(delivery.id().toString()))
                .willReturn(response));
    }

    private int requestsFor(Delivery delivery) {
        return line.findAll(postRequestedFor(urlPathEqualTo(BROADCAST))
                .withHeader("X-Line-Retry-Key", equalTo(delivery.id().toString()))).size();
    }

    private DeliveryStatus status(Delivery delivery) {
        return view(delivery).status();
    }

    private DeliveryView view(Delivery delivery) {
        return sendLog.list(null, delivery.accountId(), 1000).stream()
                .filter(d -> d.id().equals(delivery.id()))
                .findFirst()
                .orElseThrow();
    }

    private static Delivery only(Post post) {
        assertThat(post.deliveries()).hasSize(1);
        return post.deliveries().getFirst();
    }
}
