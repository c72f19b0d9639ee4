package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.RuleId;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 22, "no frozen account": the same or nearly the same text to the same account within the window needs the
 * approver's acknowledgement (Hanamaki's X account was frozen after a dozen near-identical shelter posts).
 *
 * <p>The other integration tests turn the check off, since they send alike posts on purpose; this one turns it on,
 * at the price of a context of its own.
 */
@TestPropertySource(properties = "gateway.posting.near-duplicate-window=24h")
class NearDuplicatesIntegrationTest extends IntegrationTest {

    private static final String SHELTER = "【避難所開設】江津市総合市民センターを避難所として開設しました（15時00分現在）。";

    @Autowired
    PostWorkflow workflow;

    @Test
    void aNearlyIdenticalPostToTheSameAccountNeedsTheApproversAcknowledgementNamingTheEarlierPost() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofHours(2));
        Post first = data.approvedPost(world, SHELTER, at, world.x());
        Api poster = api(world.poster());
        String second = create(poster, SHELTER.replace("15時00分", "16時00分"), world.x().id(), at.plus(Duration.ofHours(1)));
        assertThat(poster.post("/api/posts/" + second + "/submit", null).status()).isEqualTo(200);

        var refused = api(world.approver()).approve(second, Map.of("comment", "ok"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("rules.needsAcknowledgement");
        var finding = refused.json().get("findings").get(0);
        assertThat(finding.get("rule").asString()).isEqualTo("NEAR_DUPLICATE");
        assertThat(finding.get("accountId").asLong()).isEqualTo(world.x().id());
        assertThat(finding.get("message").asString()).contains(first.id().value().toString());
        var approved = api(world.approver()).approve(second,
                Map.of("comment", "時刻が違う続報", "acknowledge", List.of(finding.get("key").asString())));
        assertThat(approved.json().get("status").asString()).as(approved.toString()).isEqualTo("APPROVED");
    }

    @Test
    void theSameTextToAnotherAccountOrADifferentTextOrOutsideTheWindowIsNoRepeat() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofHours(2));
        data.approvedPost(world, SHELTER, at, world.x());

        assertThat(repeats(world, SHELTER, at, world.facebook().id())).isEmpty();
        assertThat(repeats(world, "【避難所閉鎖】江津市総合市民センターの避難所を閉鎖しました。ご協力ありがとうございました。", at,
                world.x().id())).isEmpty();
        assertThat(repeats(world, SHELTER, at.plus(Duration.ofDays(2)), world.x().id())).isEmpty();
        assertThat(repeats(world, SHELTER, at.plus(Duration.ofHours(23)), world.x().id()))
                .extracting(Finding::rule).containsExactly(RuleId.NEAR_DUPLICATE);
    }

    @Test
    void aDraftOrACancelledPostIsNoEarlierPost() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofHours(2));
        data.draft(world.poster(), SHELTER, at, world.x());
        Post cancelled = data.approvedPost(world, SHELTER + "!", at, world.x());
        workflow.cancel(world.approver(), cancelled.id(), "取りやめ");

        assertThat(repeats(world, SHELTER, at, world.x().id())).isEmpty();
    }

    @Test
    void anApprovedEarlierPostIsNamedBeforeAnEarlierOneStillWaitingForADecision() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofHours(2));
        Post approved = data.approvedPost(world, SHELTER + "（再掲）", at.plus(Duration.ofHours(1)), world.x());
        Api poster = api(world.poster());
        String waiting = create(poster, SHELTER + "（続報）", world.x().id(), at.minus(Duration.ofHours(1)));
        assertThat(poster.post("/api/posts/" + waiting + "/submit", null).status()).isEqualTo(200);

        assertThat(repeats(world, SHELTER, at, world.x().id())).singleElement()
                .satisfies(f -> assertThat(f.arguments()).contains(approved.id().value().toString())
                        .doesNotContain(waiting));
    }

    private List<Finding> repeats(World world, String text, Instant at, long accountId) {
        return workflow.check(world.poster(), NewPost.of(text, List.of(), PostCategory.NOTICE, List.of(accountId), at))
                .stream().filter(f -> f.rule() == RuleId.NEAR_DUPLICATE).toList();
    }

    private static String create(Api poster, String text, long accountId, Instant at) {
        var created = poster.post("/api/posts", Api.json(Map.of("text", text, "category", "NOTICE",
                "accountIds", List.of(accountId), "scheduledAt", at.toString())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}
