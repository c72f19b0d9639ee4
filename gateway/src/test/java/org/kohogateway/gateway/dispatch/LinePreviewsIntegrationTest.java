package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A LINE preview is a real message from the official account: it goes only to a listed staff test device, only
 * for the author or someone who may approve the post, never with blocking findings or during a pause.
 */
class LinePreviewsIntegrationTest extends IntegrationTest {

    private static final String RECIPIENT = SimulatedPlatforms.PREVIEW_RECIPIENT;
    private static final String PUSH = "/v2/bot/message/push";

    @Autowired
    Pauses pauses;

    @Test
    void aPreviewIsPushedToTheListedTestRecipientAndAudited() {
        World world = data.world();
        Post post = data.draft(world.poster(), "プレビューの本文 " + TestData.unique(), null, world.lineA());

        var result = api(world.poster()).post("/api/posts/" + post.id() + "/preview", body(RECIPIENT));

        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().get(0).get("outcome").asString()).isEqualTo("SENT");
        assertThat(pushes(post)).isEqualTo(1);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + post.deliveries().getFirst().id())
                .body()).contains("PREVIEW_PUSHED");
        // the department's approver may preview what they are asked to approve
        assertThat(api(world.approver()).post("/api/posts/" + post.id() + "/preview", body(RECIPIENT)).status())
                .isEqualTo(200);
    }

    @Test
    void refusesPreviewsByPeopleWhoMayNotSeeThePostBeforeItGoesOut() {
        World world = data.world();
        Post post = data.draft(world.poster(), "他部署には見せない " + TestData.unique(), null, world.lineA());

        for (String outsider : new String[] { world.auditor(), world.approverB(), world.pr() }) {
            assertRefusal(api(outsider).post("/api/posts/" + post.id() + "/preview", body(RECIPIENT)), 403,
                    "post.previewNotPermitted");
        }
        assertThat(pushes(post)).isZero();
    }

    @Test
    void refusesARecipientNotOnTheList() {
        World world = data.world();
        Post post = data.draft(world.poster(), "誰にでもは送らない " + TestData.unique(), null, world.lineA());

        assertRefusal(api(world.poster()).post("/api/posts/" + post.id() + "/preview",
                body("Uffffffffffffffffffffffffffffffff")), 400, "post.previewRecipientNotListed");
        assertThat(pushes(post)).isZero();
    }

    @Test
    void refusesAPostWithBlockingFindings() {
        World world = data.world();
        Post post = data.draft(world.poster(), "担当 090-1234-5678 まで " + TestData.unique(), null, world.lineA());

        var refused = api(world.poster()).post("/api/posts/" + post.id() + "/preview", body(RECIPIENT));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("rules.blocked");
        assertThat(pushes(post)).isZero();
    }

    @Test
    void sendsNoPreviewFromAPausedAccount() {
        World world = data.world();
        Post post = data.draft(world.poster(), "停止中は送らない " + TestData.unique(), null, world.lineA());
        pauses.pause(world.admin(), world.lineA().id(), "炎上対応");
        try {
            assertRefusal(api(world.poster()).post("/api/posts/" + post.id() + "/preview", body(RECIPIENT)), 409,
                    "post.previewPaused");
        } finally {
            pauses.resume(world.admin(), world.lineA().id());
        }
        assertThat(pushes(post)).isZero();
    }

    private static String body(String recipient) {
        return Api.json(Map.of("recipientUserId", recipient));
    }

    private static int pushes(Post post) {
        return SimulatedPlatforms.shared().server().findAll(postRequestedFor(urlPathEqualTo(PUSH))
                .withRequestBody(matchingJsonPath("$.messages[0].text", equalTo(post.content().text())))).size();
    }
}
