package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.SimulatedBluesky;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A Bluesky delivery through the dispatcher, the registry and the real connector to the simulated PDS: the record key
 * derived from the delivery makes a repeat after a lost answer harmless, so the dispatcher sends again instead of
 * asking a person, and the repeat finds the post the first attempt made.
 */
class BlueskyDispatchIntegrationTest extends IntegrationTest {

    private static final String APPLY_WRITES = "/xrpc/com.atproto.repo.applyWrites";

    @Autowired
    Dispatcher dispatcher;

    private final WireMockServer pds = SimulatedPlatforms.shared().server();
    private final SimulatedBluesky bluesky = SimulatedPlatforms.shared().bluesky();
    private final List<StubMapping> overrides = new ArrayList<>();

    @AfterEach
    void removeOverrides() {
        overrides.forEach(pds::removeStub);
    }

    @Test
    void aDeliveryWhoseAnswerWasLostAfterThePostWasMadeIsSentOnceWhenRepeated() {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount account = data.account(world.departmentA(), Platform.BLUESKY, "観光 Bluesky " + n,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), TestData.blueskyCredentials(n));
        String text = "花火大会は予定どおり開催します " + n;
        Delivery delivery = TestData.only(data.approvedPost(world, text, null, account));
        // the simulated PDS makes the post, then the connection breaks; and the look-up right after finds nothing yet
        overrides.add(pds.stubFor(post(urlPathEqualTo(APPLY_WRITES)).atPriority(1).withRequestBody(containing(n))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                        .withTransformers(SimulatedBluesky.NAME))));
        overrides.add(pds.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.repo.getRecord")).atPriority(1)
                .willReturn(aResponse().withStatus(502))));

        dispatcher.drain();

        assertThat(data.view(delivery).status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(bluesky.postsContaining(text)).hasSize(1);
        removeOverrides();
        clock.advance(Duration.ofMinutes(1));
        dispatcher.drain();

        DeliveryView sent = data.view(delivery);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.platformPostId()).startsWith("at://" + SimulatedBluesky.DID + "/app.bsky.feed.post/");
        assertThat(bluesky.postsContaining(text)).hasSize(1);
        assertThat(pds.findAll(postRequestedFor(urlPathEqualTo(APPLY_WRITES)).withRequestBody(containing(n))))
                .hasSize(1);
    }
}
