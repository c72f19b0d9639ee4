package org.kohogateway.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class PostLifecycleIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Test
    void postTravelsFromDraftToSentThroughTheLineConnector() {
        World world = data.world();
        Api poster = api(world.poster());
        Api approver = api(world.approver());

        var created = poster.post("/api/posts", Api.json(Map.of(
                "text", "江津市の秋祭りは11月30日（日）に開催します。",
                "links", List.of("https://www.city.gotsu.lg.jp/event/1"),
                "category", "EVENT",
                "accountIds", List.of(world.lineA().id()))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(created.json().get("deliveries").get(0).get("status").asString()).isEqualTo("WAITING");

        var submitted = poster.post("/api/posts/" + id + "/submit", null);
        assertThat(submitted.json().get("status").asString()).as(submitted.toString()).isEqualTo("SUBMITTED");

        var inbox = approver.get("/api/inbox").json();
        assertThat(ids(inbox)).contains(id);

        var approved = approver.approve(id, Map.of("comment", "承認します"));
        assertThat(approved.json().get("status").asString()).as(approved.toString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("deliveries").get(0).get("status").asString()).isEqualTo("SCHEDULED");
        String deliveryId = approved.json().get("deliveries").get(0).get("id").asString();

        dispatcher.drain();

        JsonNode sent = poster.get("/api/posts/" + id).json();
        JsonNode delivery = sent.get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("platformPostId").asString()).isNotBlank();
        SimulatedPlatforms.shared().server().verify(1, postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withHeader("X-Line-Retry-Key", equalTo(deliveryId))
                .withHeader("Authorization", equalTo("Bearer test-token-" + ("観光 LINE " + suffix(world)).hashCode()))
                .withRequestBody(matchingJsonPath("$.messages[0].type", equalTo("text")))
                .withRequestBody(matchingJsonPath("$.messages[0].text",
                        equalTo("江津市の秋祭りは11月30日（日）に開催します。\nhttps://www.city.gotsu.lg.jp/event/1"))));

        JsonNode trail = api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + id).json();
        assertThat(actions(trail)).containsExactly("POST_APPROVED", "POST_SUBMITTED", "POST_CREATED");
        assertThat(trail.get(0).get("actor").asString()).isEqualTo(world.approver());
        assertThat(trail.get(0).get("beforeState").asString()).isEqualTo("SUBMITTED");
        assertThat(trail.get(0).get("afterState").asString()).isEqualTo("APPROVED");
        JsonNode deliveryTrail = api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + deliveryId).json();
        assertThat(actions(deliveryTrail)).containsExactly("DELIVERY_SENT", "DELIVERY_CLAIMED", "DELIVERY_SCHEDULED");
        assertThat(deliveryTrail.get(0).get("detail").asString())
                .contains(delivery.get("platformPostId").asString());
    }

    @Test
    void cancellingAnApprovedPostNeedsAReason() {
        World world = data.world();
        var post = data.approvedPost(world, "中止する投稿", clock.instant().plusSeconds(3600), world.lineA());
        Api poster = api(world.poster());

        var bare = poster.post("/api/posts/" + post.id() + "/cancel", null);
        assertThat(bare.status()).as(bare.toString()).isEqualTo(400);
        assertThat(bare.json().get("code").asString()).isEqualTo("post.cancelNeedsReason");
        var cancelled = poster.post("/api/posts/" + post.id() + "/cancel", Api.json(Map.of("comment", "延期")));
        assertThat(cancelled.json().get("status").asString()).as(cancelled.toString()).isEqualTo("CANCELLED");
    }

    private static String suffix(World world) {
        return world.poster().substring("poster-".length());
    }

    private static List<String> ids(JsonNode posts) {
        return Api.each(posts, "id");
    }

    private static List<String> actions(JsonNode entries) {
        return Api.each(entries, "action");
    }
}
