package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** An UNCERTAIN delivery is never re-sent by the gateway; a person settles it after looking on the platform. */
class UncertainDeliveriesIntegrationTest extends IntegrationTest {

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    Dispatcher dispatcher;

    @Test
    void aPersonRecordsAnUncertainDeliveryAsSentWithItsPlatformAddress() {
        World world = data.world();
        Delivery delivery = uncertain(world, "結果不明 1");
        Api admin = api(world.admin());

        assertThat(api(world.poster()).post(resolve(delivery), Api.json(Map.of("foundOnPlatform", true,
                "platformReference", "https://x.com/gotsu/status/1", "reason", "確認済み"))).status()).isEqualTo(403);
        assertThat(admin.post(resolve(delivery), Api.json(Map.of("foundOnPlatform", true, "reason", "確認済み")))
                .status()).isEqualTo(400);
        assertThat(admin.post(resolve(delivery), Api.json(Map.of("foundOnPlatform", true,
                "platformReference", "https://x.com/gotsu/status/1"))).status()).isEqualTo(400);

        clock.advance(Duration.ofHours(1));
        dispatcher.drain();
        assertThat(view(delivery).status()).as("never re-sent by the gateway").isEqualTo(DeliveryStatus.UNCERTAIN);

        assertThat(admin.post(resolve(delivery), Api.json(Map.of("foundOnPlatform", true,
                "platformReference", "https://x.com/gotsu/status/1", "reason", "タイムライン上で投稿を確認"))).status())
                .isEqualTo(204);

        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view(delivery).platformPostId()).isEqualTo("https://x.com/gotsu/status/1");
        assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + delivery.id()).body())
                .contains("DELIVERY_CONFIRMED_SENT").contains("タイムライン上で投稿を確認");
        assertThat(admin.post(resolve(delivery), Api.json(Map.of("foundOnPlatform", false, "reason", "二度目")))
                .status()).isEqualTo(409);
    }

    @Test
    void aPersonDecidesToSendAgainWhenThePostIsNotOnThePlatform() {
        World world = data.world();
        Delivery delivery = uncertain(world, "結果不明 2");

        assertThat(api(world.pr()).post(resolve(delivery), Api.json(Map.of("foundOnPlatform", false,
                "reason", "媒体上に投稿なし"))).status()).isEqualTo(204);
        dispatcher.drain();

        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + delivery.id()).body())
                .contains("DELIVERY_RESEND_DECIDED");
    }

    private Delivery uncertain(World world, String text) {
        Delivery delivery = data.approvedPost(world, text, null, world.lineA()).deliveries().getFirst();
        ClaimedDelivery claimed = deliveries.claim(clock.instant(), 1000, "crashed", Duration.ofMinutes(2)).stream()
                .filter(c -> c.id().equals(delivery.id())).findFirst().orElseThrow();
        deliveries.uncertain(claimed, "crashed", "read timed out after the request was sent", clock.instant());
        return delivery;
    }

    private DeliveryView view(Delivery delivery) {
        return sendLog.list(null, delivery.accountId(), 1000).stream().filter(d -> d.id().equals(delivery.id()))
                .findFirst().orElseThrow();
    }

    private static String resolve(Delivery delivery) {
        return "/api/deliveries/" + delivery.id() + "/resolve";
    }
}
