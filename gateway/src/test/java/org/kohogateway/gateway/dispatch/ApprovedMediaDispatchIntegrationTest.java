package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** The dispatcher sends exactly the approved bytes: it checks each stored image's SHA-256 before anything leaves. */
class ApprovedMediaDispatchIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MediaLibrary library;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anApprovedImageGoesOutByItsSignedLink() {
        World world = data.world();
        String text = "写真付きのお知らせ " + TestData.unique();
        String id = approvedPostWithImage(world, text);

        dispatcher.drain();

        JsonNode delivery = api(world.poster()).get("/api/posts/" + id).json().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("SENT");
        SimulatedPlatforms.shared().server().verify(1, postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(containing(text)).withRequestBody(containing("/media/public/")));
    }

    @Test
    void anImageWhoseStoredBytesWereChangedAfterApprovalIsNotSentAndTheDeliveryFailsSayingSo() {
        World world = data.world();
        String text = "差し替えられた写真 " + TestData.unique();
        String id = approvedPostWithImage(world, text);
        String sha256 = api(world.poster()).get("/api/posts/" + id).json().get("media").get(0).get("sha256")
                .asString();
        // someone with database access swaps one byte of the approved picture
        int changed = jdbc.sql("""
                update media_chunk set data = overlay(data placing '\\x00'::bytea from 200 for 1)
                where sha256 = :sha and seq = 0
                """).param("sha", sha256).update();
        assertThat(changed).isEqualTo(1);

        dispatcher.drain();

        JsonNode delivery = api(world.poster()).get("/api/posts/" + id).json().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("FAILED");
        assertThat(delivery.get("lastError").asString()).contains("not the approved one").contains(sha256);
        SimulatedPlatforms.shared().server().verify(0, postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(containing(text)));
    }

    @Test
    void anImageTheStoreCannotReadIsARetryNotADeliveryLeftSendingAndNothingIsSent() {
        World world = data.world();
        String text = "読めない写真 " + TestData.unique();
        // large enough for several chunks, so that one can go missing in the middle of the read
        String id = approvedPostWithImage(world, text, TestImages.noisyJpeg(900, 700, System.nanoTime(), 1.0f));
        String sha256 = api(world.poster()).get("/api/posts/" + id).json().get("media").get(0).get("sha256")
                .asString();
        assertThat(jdbc.sql("delete from media_chunk where sha256 = :sha and seq = 1").param("sha", sha256).update())
                .isEqualTo(1);

        dispatcher.drain();

        JsonNode delivery = api(world.poster()).get("/api/posts/" + id).json().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("SCHEDULED");
        assertThat(delivery.get("lastError").asString()).contains("could not be read").contains("nothing was sent");
        SimulatedPlatforms.shared().server().verify(0, postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(containing(text)));
    }

    private String approvedPostWithImage(World world, String text) {
        // an image of its own: the store keeps equal bytes once, and the other test changes them
        return approvedPostWithImage(world, text, TestImages.noisyJpeg(64, 48, System.nanoTime()));
    }

    private String approvedPostWithImage(World world, String text, byte[] image) {
        long mediaId = library.upload(world.poster(), new java.io.ByteArrayInputStream(image), "祭りの山車").id();
        Api poster = api(world.poster());
        var created = poster.post("/api/posts", Api.json(Map.of("text", text, "category", "EVENT",
                "accountIds", List.of(world.lineA().id()), "media", List.of(Map.of("id", mediaId)))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        poster.post("/api/posts/" + id + "/submit", null);
        var approved = api(world.approver()).approve(id, Map.of("comment", "ok"));
        assertThat(approved.json().get("status").asString()).as(approved.toString()).isEqualTo("APPROVED");
        return id;
    }
}
