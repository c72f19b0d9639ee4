package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ProfileChecks;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A platform that takes 20 s to answer stalls nothing else: while reconciliation and a profile check wait on it, a
 * pause — which every claim queues behind if a transaction holds its rows across a platform call — returns at
 * once.
 */
class SlowPlatformPauseIntegrationTest extends IntegrationTest {

    private static final int SLOW_MS = 20_000;

    @Autowired
    Reconciler reconciler;

    @Autowired
    ProfileChecks profiles;

    @Autowired
    Pauses pauses;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    OfficialAccounts accounts;

    @Autowired
    DispatcherFactory dispatchers;

    @Test
    void aPauseReturnsWithinASecondWhileReconciliationAndAProfileCheckWaitOnASlowPlatform() throws Exception {
        World world = data.world();
        String foundText = "照合で見つかる投稿 " + world.poster();
        Delivery found = uncertain(world, foundText, world.x());
        Delivery slow = uncertain(world, "照合が遅い投稿 " + world.poster(), world.facebook());
        String page = accounts.credentials(world.facebook().id()).get(PlatformCredentials.FACEBOOK_PAGE_ID).orElseThrow();
        WireMockServer platforms = SimulatedPlatforms.shared().server();
        List<StubMapping> stubs = List.of(
                platforms.stubFor(get(urlPathMatching("/2/users/[0-9]+/tweets")).atPriority(1)
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                                {"data":[{"id":"1868000000000000042","text":"%s","created_at":"%s",
                                  "edit_history_tweet_ids":["1868000000000000042"]}],
                                 "meta":{"result_count":1,"newest_id":"1868000000000000042","oldest_id":"1868000000000000042"}}
                                """.formatted(foundText, clock.instant().toString())))),
                platforms.stubFor(get(urlPathEqualTo("/v22.0/" + page + "/posts")).atPriority(1)
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                                .withBody("{\"data\":[]}").withFixedDelay(SLOW_MS))),
                platforms.stubFor(get(urlPathEqualTo("/v22.0/" + page)).atPriority(1)
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                                .withBody("{\"id\":\"" + page + "\",\"name\":\"slow\"}").withFixedDelay(SLOW_MS))));
        boolean paused = false;
        try {
            CompletableFuture<Integer> reconciling = CompletableFuture.supplyAsync(reconciler::reconcile);
            CompletableFuture<?> checking = CompletableFuture.supplyAsync(
                    () -> profiles.check(world.facebook().id(), "SCHEDULE", "system"));
            // both are now waiting on the platform; reconciliation has already settled the first delivery
            await().atMost(Duration.ofSeconds(15)).until(() -> requests(platforms, "/v22.0/" + page + "/posts") == 1
                    && requests(platforms, "/v22.0/" + page) == 1);

            long started = System.nanoTime();
            pauses.pause(world.admin(), world.lineA().id(), "炎上対応");
            paused = true;
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(tookMs).as("the pause call took %d ms", tookMs).isLessThan(1_000);
            reconciling.get(SLOW_MS * 2L, TimeUnit.MILLISECONDS);
            checking.get(SLOW_MS * 2L, TimeUnit.MILLISECONDS);
        } finally {
            stubs.forEach(platforms::removeStub);
            if (paused) {
                pauses.resume(world.admin(), world.lineA().id());
            }
        }
        assertThat(status(found)).isEqualTo(DeliveryStatus.SENT);
        assertThat(status(slow)).isEqualTo(DeliveryStatus.UNCERTAIN);
    }

    private static int requests(WireMockServer platforms, String path) {
        return platforms.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    private Delivery uncertain(World world, String text, OfficialAccount account) {
        Delivery delivery = data.approvedPost(world, text, null, account).deliveries().getFirst();
        ClaimedDelivery mine = dispatchers.claimOnly(delivery.id(), "lost", Duration.ofMinutes(2));
        deliveries.uncertain(mine, "lost", "read timed out after the request was sent", clock.instant());
        return delivery;
    }

    private DeliveryStatus status(Delivery delivery) {
        return sendLog.byIds(List.of(delivery.id())).getFirst().status();
    }
}
