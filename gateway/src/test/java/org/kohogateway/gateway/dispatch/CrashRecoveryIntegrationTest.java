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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.LineRetryKeys;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * kill -9 of a gateway process in the middle of dispatching: nothing lost, nothing delivered twice. LINE deliveries are
 * resent with the same retry key (LINE accepts each once); X deliveries whose request had left become UNCERTAIN and
 * are never requested again.
 */
class CrashRecoveryIntegrationTest extends IntegrationTest {

    private static final int POSTS = 8;
    private static final String BROADCAST = "/v2/bot/message/broadcast";
    private static final String TWEETS = "/2/tweets";

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Test
    void aKilledInstancesDeliveriesAreResentOnLineAndLeftUncertainOnX() throws Exception {
        World world = data.world();
        // ASCII, so it matches however a client escapes JSON
        String marker = "crash-test " + world.poster();
        List<Delivery> line = new ArrayList<>();
        List<Delivery> x = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            line.add(data.approvedPost(world, marker + " LINE #" + i + ";", null, world.lineA()).deliveries().getFirst());
            x.add(data.approvedPost(world, marker + " X #" + i + ";", null, world.x()).deliveries().getFirst());
        }
        WireMockServer platforms = SimulatedPlatforms.shared().server();
        // slow enough that the child is killed while its requests are in flight
        StubMapping slowLine = platforms.stubFor(post(urlPathEqualTo(BROADCAST)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")
                        .withFixedDelay(2_000).withTransformers(LineRetryKeys.NAME)));
        StubMapping slowX = platforms.stubFor(post(urlPathEqualTo(TWEETS)).atPriority(1)
                .withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"1862000000000000001\",\"text\":\"x\"}}").withFixedDelay(2_000)));
        ChildGateway child = ChildGateway.start("child-to-be-killed", Map.of());
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> requests(platforms, BROADCAST, marker) >= 3 && requests(platforms, TWEETS, marker) >= 3);
        } finally {
            child.kill();
            platforms.removeStub(slowLine);
            platforms.removeStub(slowX);
        }
        assertThat(child.isAlive()).isFalse();
        assertThat(statuses(world.lineA().id(), line)).contains(DeliveryStatus.SENDING);
        List<Integer> xStartedByTheDead = xPostsRequested(platforms, marker);
        assertThat(xStartedByTheDead).isNotEmpty();

        clock.advance(Duration.ofMinutes(3));
        dispatcher.drain();
        clock.advance(Duration.ofHours(1));
        dispatcher.drain();

        assertThat(statuses(world.lineA().id(), line)).containsOnly(DeliveryStatus.SENT);
        LineRetryKeys lineAccepted = SimulatedPlatforms.shared().lineRetryKeys();
        assertThat(line).allSatisfy(d -> assertThat(lineAccepted.acceptedCount(d.id().toString()))
                .as("LINE delivered %s once", d.id()).isEqualTo(1));
        for (int n = 0; n < POSTS; n++) {
            DeliveryStatus status = statuses(world.x().id(), List.of(x.get(n))).getFirst();
            assertThat(status).as("X post #%d", n)
                    .isEqualTo(xStartedByTheDead.contains(n) ? DeliveryStatus.UNCERTAIN : DeliveryStatus.SENT);
        }
        assertThat(xPostsRequested(platforms, marker)).as("no X post requested twice").doesNotHaveDuplicates()
                .hasSize(POSTS);
    }

    private static int requests(WireMockServer platforms, String path, String marker) {
        return platforms.findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(marker))).size();
    }

    /** The numbers of the X posts that reached the simulated X, one entry per request. */
    private static List<Integer> xPostsRequested(WireMockServer platforms, String marker) {
        Pattern number = Pattern.compile(Pattern.quote(marker) + " X #(\\d+);");
        return platforms.findAll(postRequestedFor(urlPathEqualTo(TWEETS)).withRequestBody(containing(marker))).stream()
                .map(r -> number.matcher(r.getBodyAsString()))
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1)))
                .toList();
    }

    private List<DeliveryStatus> statuses(long accountId, List<Delivery> of) {
        List<java.util.UUID> ids = of.stream().map(Delivery::id).toList();
        return sendLog.list(null, accountId, 1000).stream().filter(d -> ids.contains(d.id()))
                .map(DeliveryView::status).toList();
    }
}
