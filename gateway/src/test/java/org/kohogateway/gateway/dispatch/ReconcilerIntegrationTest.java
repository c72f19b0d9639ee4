package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
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

        Deliveries.DeliveryView view = view(delivery);
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

        Deliveries.DeliveryView view = view(delivery);
        assertThat(view.status()).isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(view.holdReason()).contains("not found");
    }

    private Delivery uncertain(World world, String text, OfficialAccount account) {
        Delivery delivery = data.approvedPost(world, text, null, account).deliveries().getFirst();
        ClaimedDelivery claimed = deliveries.claim(clock.instant(), 1000, "lost", Duration.ofMinutes(2)).stream()
                .filter(c -> c.id().equals(delivery.id())).findFirst().orElseThrow();
        deliveries.uncertain(claimed, "lost", "read timed out after the request was sent", clock.instant());
        return delivery;
    }

    private Deliveries.DeliveryView view(Delivery delivery) {
        return deliveries.list(null, delivery.accountId(), 1000).stream().filter(d -> d.id().equals(delivery.id()))
                .findFirst().orElseThrow();
    }
}
