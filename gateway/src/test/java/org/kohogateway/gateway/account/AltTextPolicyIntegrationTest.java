package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.RuleId;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Alt text is part of an account's policy (issue 19 point 4): required by default, so {@code ALT_TEXT_MISSING} blocks;
 * an account whose policy no longer requires it, once that change has passed the department head and the PR
 * department, takes images without alt text, at submit and at dispatch alike. Other accounts keep requiring it.
 */
class AltTextPolicyIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    AccountWorkflow accounts;

    @Autowired
    MediaLibrary library;

    @Autowired
    Dispatcher dispatcher;

    @Test
    void anImageWithoutAltTextIsBlockedOnAnAccountWhosePolicySaysNothingAboutIt() {
        World world = data.world();

        assertThat(altTextFinding(world, world.lineA().id())).isEqualTo(Severity.BLOCK);
        assertThat(api(world.poster()).get("/api/accounts/" + world.lineA().id()).json()
                .get("altTextRequired").asBoolean()).isTrue();
    }

    @Test
    void aPolicyThatNoLongerRequiresAltTextTakesEffectOnlyOnceReviewedAndOnlyForItsAccount() {
        World world = data.world();
        long id = world.lineA().id();

        JsonNode pending = proposeWithoutAltText(world, id);

        assertThat(pending.get("proposedChanges").toString()).as(pending.toString()).contains("\"altTextRequired\"");
        assertThat(pending.get("proposedPolicy").get("altTextRequired").asBoolean()).isFalse();
        assertThat(altTextFinding(world, id)).as("the policy in force until approved").isEqualTo(Severity.BLOCK);

        accounts.approveAsDepartment(world.approver(), id, null);
        accounts.approveAsPr(world.pr(), id, null);

        assertThat(api(world.poster()).get("/api/accounts/" + id).json().get("altTextRequired").asBoolean()).isFalse();
        assertThat(altTextFinding(world, id)).isNull();
        assertThat(altTextFinding(world, world.lineA2().id())).as("another account").isEqualTo(Severity.BLOCK);
    }

    @Test
    void aPostWithAnUndescribedImageApprovedOnSuchAnAccountIsSent() {
        World world = data.world();
        long id = world.lineA().id();
        proposeWithoutAltText(world, id);
        accounts.approveAsDepartment(world.approver(), id, null);
        accounts.approveAsPr(world.pr(), id, null);
        long mediaId = undescribedImage(world);
        Api poster = api(world.poster());
        String post = poster.post("/api/posts", Api.json(Map.of("text", "説明なしの写真 " + TestData.unique(),
                "category", "EVENT", "accountIds", List.of(id), "media", List.of(Map.of("id", mediaId))))).json()
                .get("id").asString();
        poster.post("/api/posts/" + post + "/submit", null);
        assertThat(api(world.approver()).approve(post, Map.of("comment", "ok")).json().get("status").asString())
                .isEqualTo("APPROVED");

        dispatcher.drain();

        JsonNode delivery = poster.get("/api/posts/" + post).json().get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("SENT");
    }

    /** The severity of ALT_TEXT_MISSING for a post with one undescribed image on the account; null when none. */
    private Severity altTextFinding(World world, long accountId) {
        NewPost post = new NewPost("写真のお知らせです。", List.of(), List.of(), PostCategory.EVENT, List.of(accountId),
                null, null, null, null, null, null, List.of(new MediaChoice(undescribedImage(world), null)));
        return workflow.check(world.poster(), post).stream().filter(f -> f.rule() == RuleId.ALT_TEXT_MISSING)
                .map(Finding::severity).findFirst().orElse(null);
    }

    private long undescribedImage(World world) {
        return library.upload(world.poster(), new ByteArrayInputStream(TestImages.noisyJpeg(64, 48, System.nanoTime())),
                null).id();
    }

    private JsonNode proposeWithoutAltText(World world, long id) {
        Api.Response proposed = api(world.poster()).post("/api/accounts/" + id + "/policy-change",
                Api.json(policy(world, false)));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        return proposed.json();
    }

    private Map<String, Object> policy(World world, boolean altTextRequired) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", world.lineA().name());
        policy.put("url", "https://line.me/R/ti/p/@alt" + world.lineA().id());
        policy.put("purpose", "テスト");
        policy.put("administrator", world.approver());
        policy.put("operators", List.of(world.poster()));
        policy.put("departmentApprovalRequired", true);
        policy.put("replyPolicy", world.lineA().policy().replyPolicy().name());
        policy.put("altTextRequired", altTextRequired);
        return policy;
    }
}
