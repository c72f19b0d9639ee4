package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;

class PlatformQuotasIntegrationTest extends IntegrationTest {

    private static final String RECIPIENT = "U0123456789abcdef0123456789abcdef";

    @Test
    void showsLinesMonthlyQuotaAndInstagramsDailyOne() {
        World world = data.world();

        var line = api(world.poster()).get("/api/accounts/" + world.lineA().id() + "/quota").json();
        var instagram = api(world.poster()).get("/api/accounts/" + world.instagram().id() + "/quota").json();
        var x = api(world.poster()).get("/api/accounts/" + world.x().id() + "/quota").json();

        assertThat(line.get("period").asString()).isEqualTo("MONTH");
        assertThat(line.get("total").asLong()).isEqualTo(15000);
        assertThat(line.get("remaining").asLong()).isEqualTo(15000);
        assertThat(instagram.get("period").asString()).isEqualTo("ROLLING_24H");
        assertThat(x.get("period").asString()).isEqualTo("NONE");
    }

    @Test
    void aPreviewIsPushedToOneTestRecipientAndAudited() {
        World world = data.world();
        Post post = data.draft(world.poster(), "プレビューの本文 " + world.poster(), null, world.lineA());

        var result = api(world.poster()).post("/api/posts/" + post.id() + "/preview",
                Api.json(Map.of("recipientUserId", RECIPIENT)));

        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().get(0).get("outcome").asString()).isEqualTo("SENT");
        assertThat(SimulatedPlatforms.shared().server().findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/push"))
                .withRequestBody(matchingJsonPath("$.to", equalTo(RECIPIENT)))
                .withRequestBody(matchingJsonPath("$.messages[0].text", equalTo("プレビューの本文 " + world.poster())))))
                .hasSize(1);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + post.deliveries().getFirst().id())
                .body()).contains("PREVIEW_PUSHED");
        assertThat(api(world.auditor()).post("/api/posts/" + post.id() + "/preview",
                Api.json(Map.of("recipientUserId", RECIPIENT))).status()).isEqualTo(403);
    }
}
