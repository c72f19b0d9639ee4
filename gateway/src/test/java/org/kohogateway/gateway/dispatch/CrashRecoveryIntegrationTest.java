package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.kohogateway.gateway.demo.LineRetryKeys;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** kill -9 of a gateway process in the middle of dispatching: nothing lost, nothing delivered twice. */
class CrashRecoveryIntegrationTest extends IntegrationTest {

    private static final int POSTS = 12;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Deliveries deliveries;

    @Test
    void aKilledInstancesLineDeliveriesAreResentWithTheSameKeyAndDeliveredOnce() throws Exception {
        World world = data.world();
        String marker = "強制終了テスト " + world.poster();
        List<Delivery> due = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            due.add(data.approvedPost(world, marker + " #" + i, null, world.lineA()).deliveries().getFirst());
        }
        WireMockServer line = SimulatedPlatforms.shared().server();
        // slow enough that the child is killed while its requests are in flight
        StubMapping slow = line.stubFor(post(urlPathEqualTo("/v2/bot/message/broadcast")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")
                        .withFixedDelay(2_000).withTransformers(LineRetryKeys.NAME)));
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), ChildGateway.class.getName(), EmbeddedDatabase.jdbcUrl(),
                SimulatedPlatforms.shared().lineEndpoint().toString(), "child-to-be-killed")
                .redirectErrorStream(true).redirectOutput(new File("target/child-gateway.log")).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> requests(line, marker) >= 4);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            line.removeStub(slow);
        }
        assertThat(child.isAlive()).isFalse();
        assertThat(statuses(world, due)).contains(DeliveryStatus.SENDING);

        clock.advance(Duration.ofMinutes(3));
        dispatcher.drain();

        assertThat(statuses(world, due)).containsOnly(DeliveryStatus.SENT);
        LineRetryKeys lineAccepted = SimulatedPlatforms.shared().lineRetryKeys();
        assertThat(due).allSatisfy(d -> assertThat(lineAccepted.acceptedCount(d.id().toString()))
                .as("LINE delivered %s once", d.id()).isEqualTo(1));
    }

    private static int requests(WireMockServer line, String marker) {
        return line.findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))).size();
    }

    private List<DeliveryStatus> statuses(World world, List<Delivery> of) {
        List<java.util.UUID> ids = of.stream().map(Delivery::id).toList();
        return deliveries.list(null, world.lineA().id(), 1000).stream().filter(d -> ids.contains(d.id()))
                .map(Deliveries.DeliveryView::status).toList();
    }
}
