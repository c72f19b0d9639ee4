package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.demo.SimulatedThreads;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A Threads delivery through the dispatcher, the registry and the real connector to the simulated Threads API. Threads
 * has no idempotency key: an answer lost after {@code threads_publish} leaves the delivery UNCERTAIN, it is never
 * requested again, and the reconciler finds the thread among the profile's recent ones.
 */
class ThreadsDispatchIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Reconciler reconciler;

    private final WireMockServer api = SimulatedPlatforms.shared().server();
    private final SimulatedThreads threads = SimulatedPlatforms.shared().threads();
    private final List<StubMapping> overrides = new ArrayList<>();

    @AfterEach
    void removeOverrides() {
        overrides.forEach(api::removeStub);
    }

    /** Threads has no "nobody" reply_control: a city post mentions no one, so mentioned_only is the closest. */
    @ParameterizedTest(name = "{0}: reply_control {1}")
    @CsvSource({ "REPLIES_ALLOWED, everyone", "NO_REPLIES, mentioned_only" })
    void aPostGoesOutSentWithWhoMayReplyAsTheAccountsPolicySays(ReplyPolicy replies, String replyControl) {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount account = data.account(world.departmentA(), Platform.THREADS, "観光 Threads " + n,
                new OperatingPolicy(true, replies), TestData.threadsCredentials(n));
        String text = "江の川の花火大会は予定どおり開催します " + n;
        Delivery delivery = TestData.only(data.approvedPost(world, text, null, account));

        dispatcher.drain();

        DeliveryView sent = data.view(delivery);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(threads.threadsContaining(text)).singleElement().satisfies(thread -> {
            assertThat(thread.id()).isEqualTo(sent.platformPostId());
            assertThat(thread.replyControl()).isEqualTo(replyControl);
        });
    }

    @Test
    void aTimeoutAfterThreadsPublishIsUncertainNeverRequestedTwiceAndReconciledFromTheProfilesThreads() {
        World world = data.world();
        String n = TestData.unique();
        PlatformCredentials credentials = TestData.threadsCredentials(n);
        OfficialAccount account = data.account(world.departmentA(), Platform.THREADS, "観光 Threads " + n,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), credentials);
        String publish = SimulatedThreads.VERSION + "/"
                + credentials.values().get(PlatformCredentials.THREADS_USER_ID) + "/threads_publish";
        String text = "花火大会は予定どおり開催します " + n;
        Delivery delivery = TestData.only(data.approvedPost(world, text, null, account));
        // Threads publishes the thread, and its answer comes after the gateway's read timeout (2 s in the tests)
        overrides.add(api.stubFor(post(urlPathEqualTo(publish)).atPriority(1)
                .willReturn(aResponse().withFixedDelay(4_000).withTransformers(SimulatedThreads.NAME))));

        dispatcher.drain();

        DeliveryView uncertain = data.view(delivery);
        assertThat(uncertain.status()).isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(threads.threadsContaining(text)).hasSize(1);
        removeOverrides();
        clock.advance(Duration.ofMinutes(5));
        dispatcher.drain();
        assertThat(api.findAll(postRequestedFor(urlPathEqualTo(publish)))).as("never requested twice").hasSize(1);

        reconciler.reconcile();

        DeliveryView reconciled = data.view(delivery);
        assertThat(reconciled.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(reconciled.platformPostId()).isEqualTo(threads.threadsContaining(text).getFirst().id());
        assertThat(threads.threadsContaining(text)).hasSize(1);
    }
}
