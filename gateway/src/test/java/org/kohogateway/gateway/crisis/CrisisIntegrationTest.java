package org.kohogateway.gateway.crisis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.dispatch.DispatcherFactory;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

class CrisisIntegrationTest extends IntegrationTest {

    private static final String BROADCAST = "/v2/bot/message/broadcast";

    @Autowired
    Pauses pauses;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    DispatcherFactory dispatchers;

    private final WireMockServer line = SimulatedPlatforms.shared().server();

    @Test
    void onceThePauseReturnsNoRequestForTheAccountStartsOnAnyDispatcher() {
        World world = data.world();
        String marker = "停止競合テスト " + world.poster();
        List<Delivery> paused = new ArrayList<>();
        List<Delivery> running = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean onPaused = i % 2 == 0;
            Post post = data.approvedPost(world, marker + " #" + i, null, onPaused ? world.lineA() : world.lineA2());
            (onPaused ? paused : running).add(post.deliveries().getFirst());
        }
        StubMapping slow = line.stubFor(post(urlPathEqualTo(BROADCAST)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))
                .willReturn(aResponse().withStatus(200).withHeader("x-line-request-id", "{{randomValue type='UUID'}}")
                        .withBody("{}").withTransformers("response-template").withUniformRandomDelay(5, 40)));
        Dispatcher first = dispatchers.create("pause-race-a");
        Dispatcher second = dispatchers.create("pause-race-b");
        PauseReport report;
        Date returned;
        try (var threads = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(first::drain, threads);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(second::drain, threads);
            await().atMost(Duration.ofSeconds(30)).until(() -> requestsFor(marker, paused).size() >= 20);

            report = pauses.pause(world.admin(), world.lineA().id(), "炎上対応のため停止");
            returned = new Date();

            a.join();
            b.join();
        } finally {
            line.removeStub(slow);
            // a dispatcher made here is no bean: nobody else stops its lease renewal
            first.stop();
            second.stop();
        }

        List<LoggedRequest> requests = requestsFor(marker, paused);
        assertThat(requests).isNotEmpty();
        assertThat(requests).allSatisfy(r -> assertThat(r.getLoggedDate()).isBeforeOrEqualTo(returned));
        assertThat(requests.size()).as("requests stopped early").isLessThan(paused.size());
        assertThat(report.inFlight()).allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SENT));
        List<DeliveryStatus> pausedStatuses = statuses(world.lineA().id(), paused);
        // claimed but stopped at the gate: HELD; never claimed: SCHEDULED — which of them occur depends on timing
        assertThat(pausedStatuses).allSatisfy(s -> assertThat(s).isIn(DeliveryStatus.SENT, DeliveryStatus.SCHEDULED,
                DeliveryStatus.HELD));
        assertThat(pausedStatuses.stream().filter(s -> s == DeliveryStatus.SENT).count()).isEqualTo(requests.size());
        assertThat(statuses(world.lineA2().id(), running)).containsOnly(DeliveryStatus.SENT);

        pauses.resume(world.admin(), world.lineA().id());
    }

    @Test
    void resumeHoldsPostsWhoseTimePassedDuringThePauseInsteadOfSendingThem() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofMinutes(1));
        Delivery delivery = data.approvedPost(world, "停止中に予定時刻", at, world.lineA()).deliveries().getFirst();
        pauses.pause(world.pr(), world.lineA().id(), "成りすまし対応");

        clock.set(at.plusSeconds(120));
        dispatcher.drain();
        assertThat(status(world.lineA().id(), delivery)).isEqualTo(DeliveryStatus.SCHEDULED);

        ResumeReport report = pauses.resume(world.pr(), world.lineA().id());
        dispatcher.drain();

        assertThat(report.held()).extracting(DeliveryView::id).containsExactly(delivery.id());
        assertThat(status(world.lineA().id(), delivery)).isEqualTo(DeliveryStatus.HELD);
        assertThat(line.findAll(postRequestedFor(urlPathEqualTo(BROADCAST))
                .withHeader("X-Line-Retry-Key", equalTo(delivery.id().toString())))).isEmpty();
    }

    @Test
    void anAdminCanSendAnEmergencyPostDuringAPauseOfEverything() {
        World world = data.world();
        Post emergency = workflow.create(world.poster(), NewPost.of("【避難指示】江津市全域に避難指示を発令しました", List.of(),
                PostCategory.EMERGENCY, List.of(world.lineA().id()), null));
        Post ordinary = data.approvedPost(world, "通常のお知らせ", null, world.lineA2());
        workflow.submit(world.poster(), emergency.id());
        workflow.approve(world.approver(), emergency.id(), "緊急", java.util.Set.of(), workflow.get(emergency.id()).contentHash());
        Api admin = api(world.admin());
        assertThat(admin.post("/api/crisis/pause", Api.json(Map.of("reason", "災害対応"))).status()).isEqualTo(200);
        try {
            assertThat(api(world.pr()).post("/api/posts/" + emergency.id() + "/emergency-override",
                    Api.json(Map.of("reason", "避難情報"))).status()).isEqualTo(403);
            assertThat(admin.post("/api/posts/" + ordinary.id() + "/emergency-override",
                    Api.json(Map.of("reason", "通常"))).status()).isEqualTo(400);
            var overridden = admin.post("/api/posts/" + emergency.id() + "/emergency-override",
                    Api.json(Map.of("reason", "避難情報は停止中でも送る")));
            assertThat(overridden.status()).as(overridden.toString()).isEqualTo(200);

            dispatcher.drain();

            assertThat(status(world.lineA().id(), emergency.deliveries().getFirst())).isEqualTo(DeliveryStatus.SENT);
            assertThat(status(world.lineA2().id(), ordinary.deliveries().getFirst())).isEqualTo(DeliveryStatus.SCHEDULED);
            assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId="
                    + emergency.deliveries().getFirst().id()).body()).contains("DELIVERY_PAUSE_OVERRIDDEN");
        } finally {
            admin.post("/api/crisis/resume", Api.json(Map.of()));
        }
    }

    @Test
    void onlyAdminsAndPrOfficersPauseAndEveryPauseHasAReason() {
        World world = data.world();
        long account = world.lineA().id();

        assertThat(api(world.poster()).post("/api/crisis/pause", Api.json(Map.of("accountId", account, "reason", "x")))
                .status()).isEqualTo(403);
        assertThat(api(world.admin()).post("/api/crisis/pause", Api.json(Map.of("accountId", account)))
                .status()).isEqualTo(400);
        assertThat(api(world.admin()).post("/api/crisis/pause", Api.json(Map.of("accountId", account, "reason", "炎上")))
                .status()).isEqualTo(200);
        assertThat(api(world.pr()).post("/api/crisis/pause", Api.json(Map.of("accountId", account, "reason", "二重")))
                .status()).isEqualTo(409);
        assertThat(api(world.poster()).get("/api/crisis/pauses").body()).contains("炎上");
        assertThat(api(world.pr()).post("/api/crisis/resume", Api.json(Map.of("accountId", account))).status())
                .isEqualTo(200);
        assertThat(api(world.pr()).post("/api/crisis/resume", Api.json(Map.of("accountId", account))).status())
                .isEqualTo(409);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=PAUSE&subjectId=" + account).body())
                .contains("PAUSED").contains("RESUMED");
    }

    private List<LoggedRequest> requestsFor(String marker, List<Delivery> of) {
        List<String> keys = of.stream().map(d -> d.id().toString()).toList();
        return line.findAll(postRequestedFor(urlPathEqualTo(BROADCAST))
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))).stream()
                .filter(r -> keys.contains(r.getHeader("X-Line-Retry-Key")))
                .toList();
    }

    private List<DeliveryStatus> statuses(long accountId, List<Delivery> of) {
        List<java.util.UUID> ids = of.stream().map(Delivery::id).toList();
        return sendLog.list(null, accountId, 1000).stream().filter(d -> ids.contains(d.id()))
                .map(DeliveryView::status).toList();
    }

    private DeliveryStatus status(long accountId, Delivery delivery) {
        return statuses(accountId, List.of(delivery)).getFirst();
    }
}
