package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** UNCERTAIN deliveries are looked for on the platform before a person has to decide. */
class ReconcilerIntegrationTest extends IntegrationTest {

    @Autowired
    Reconciler reconciler;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    DispatcherFactory dispatchers;

    @Test
    void anUncertainXPostFoundOnTheTimelineBecomesSentWithItsId() {
        World world = data.world();
        String text = "照合テスト " + world.poster();
        Delivery delivery = uncertain(world, text, world.x());
        StubMapping timeline = SimulatedPlatforms.shared().server().stubFor(get(urlPathMatching("/2/users/[0-9]+/tweets"))
                .atPriority(1).withHeader("Authorization", containing("oauth_signature"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":[{"id":"1866000000000000042","text":"%s","created_at":"%s",
                          "edit_history_tweet_ids":["1866000000000000042"]}],
                         "meta":{"result_count":1,"newest_id":"1866000000000000042","oldest_id":"1866000000000000042"}}
                        """.formatted(text, clock.instant().toString()))));
        try {
            reconciler.reconcile();
        } finally {
            SimulatedPlatforms.shared().server().removeStub(timeline);
        }

        DeliveryView view = view(delivery);
        assertThat(view.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view.platformPostId()).isEqualTo("1866000000000000042");
        assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + delivery.id()).body())
                .contains("DELIVERY_RECONCILED");
    }

    @Test
    void aPostNotFoundStaysUncertainForAPersonWithWhatTheLookUpSaid() {
        World world = data.world();
        Delivery delivery = uncertain(world, "見つからない投稿 " + world.poster(), world.facebook());
        StubMapping empty = SimulatedPlatforms.shared().server().stubFor(get(urlPathMatching("/v22.0/[0-9]+/posts"))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[]}")));
        try {
            reconciler.reconcile();
            clock.advance(Duration.ofHours(1));
            reconciler.reconcile();
        } finally {
            SimulatedPlatforms.shared().server().removeStub(empty);
        }

        DeliveryView view = view(delivery);
        assertThat(view.status()).isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(view.holdReason()).contains("not found");
    }

    @Test
    void twoUncertainDeliveriesOfTheSameTextNeverBothAdoptTheOnePostOnThePlatform() {
        World world = data.world();
        String text = "同じ本文の二通 " + world.poster();
        Delivery first = uncertain(world, text, world.x());
        Delivery second = uncertain(world, text, world.x());
        StubMapping timeline = timeline(text, "1866000000000000077");
        try {
            reconciler.reconcile();
        } finally {
            SimulatedPlatforms.shared().server().removeStub(timeline);
        }

        assertThat(List.of(view(first), view(second))).extracting(DeliveryView::status)
                .containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.UNCERTAIN);
    }

    @Test
    void whenTwoPostsOnThePlatformMatchAPersonChooses() {
        World world = data.world();
        String text = "二つ見つかる投稿 " + world.poster();
        Delivery delivery = uncertain(world, text, world.x());
        StubMapping timeline = timeline(text, "1866000000000000088", "1866000000000000099");
        try {
            reconciler.reconcile();
        } finally {
            SimulatedPlatforms.shared().server().removeStub(timeline);
        }

        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(view(delivery).holdReason()).contains("more than one post matches")
                .contains("1866000000000000088").contains("1866000000000000099");
    }

    /** The account's timeline on X: posts of this text with these ids, made now. */
    private StubMapping timeline(String text, String... ids) {
        String posts = java.util.Arrays.stream(ids).map(id -> """
                {"id":"%s","text":"%s","created_at":"%s","edit_history_tweet_ids":["%s"]}"""
                .formatted(id, text, clock.instant().toString(), id)).collect(java.util.stream.Collectors.joining(","));
        return SimulatedPlatforms.shared().server().stubFor(get(urlPathMatching("/2/users/[0-9]+/tweets"))
                .atPriority(1).withHeader("Authorization", containing("oauth_signature"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":[%s],"meta":{"result_count":%d,"newest_id":"%s","oldest_id":"%s"}}
                        """.formatted(posts, ids.length, ids[0], ids[ids.length - 1]))));
    }

    private Delivery uncertain(World world, String text, OfficialAccount account) {
        Delivery delivery = data.approvedPost(world, text, null, account).deliveries().getFirst();
        ClaimedDelivery claimed = dispatchers.claimOnly(delivery.id(), "lost", Duration.ofMinutes(2));
        deliveries.uncertain(claimed, "lost", "read timed out after the request was sent", clock.instant());
        return delivery;
    }

    private DeliveryView view(Delivery delivery) {
        return sendLog.list(null, delivery.accountId(), 1000).stream().filter(d -> d.id().equals(delivery.id()))
                .findFirst().orElseThrow();
    }
}
