package org.kohogateway.gateway.crisis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostEdit;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An emergency override (§6-③ イ) lets one approved emergency post through one pause: it does not outlive the pause,
 * survive a new approval, or apply to a post that is not an emergency, whatever the delivery row says.
 */
class EmergencyOverrideIntegrationTest extends IntegrationTest {

    @Autowired
    Pauses pauses;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    Deliveries deliveries;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOverrideEndsWithThePauseItWasGivenFor() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofMinutes(10));
        Post emergency = approvedEmergency(world, "【避難所開設】市民体育館を開設します", at);
        pauses.pause(world.admin(), world.lineA().id(), "成りすまし対応");
        pauses.overrideForEmergency(world.admin(), emergency.id(), "避難情報は送る");
        pauses.resume(world.admin(), world.lineA().id());
        pauses.pause(world.admin(), world.lineA().id(), "炎上対応");
        try {
            clock.set(at);
            dispatcher.drain();

            assertThat(requestsFor(only(emergency))).as("the second pause bites").isZero();
        } finally {
            pauses.resume(world.admin(), world.lineA().id());
        }
    }

    @Test
    void anOverrideDoesNotSurviveANewApproval() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofMinutes(10));
        Post emergency = approvedEmergency(world, "【避難準備】高齢者等避難を発令しました", at);
        pauses.pause(world.admin(), world.lineA().id(), "災害対応");
        try {
            pauses.overrideForEmergency(world.admin(), emergency.id(), "避難情報は送る");
            workflow.edit(world.poster(), emergency.id(), PostEdit.of("【避難準備】内容を差し替えました", List.of(),
                    PostCategory.EMERGENCY, at));
            workflow.approve(world.approver(), emergency.id(), "差し替え", Set.of(), workflow.get(emergency.id()).contentHash());

            clock.set(at);
            dispatcher.drain();

            assertThat(requestsFor(only(emergency))).as("a new approval needs a new override").isZero();
        } finally {
            pauses.resume(world.admin(), world.lineA().id());
        }
    }

    @Test
    void theClaimLetsOnlyAnEmergencyPostThroughAPauseWhateverTheDeliveryRowSays() {
        World world = data.world();
        Post ordinary = data.approvedPost(world, "通常のお知らせ（停止中）", null, world.lineA());
        pauses.pause(world.admin(), world.lineA().id(), "炎上対応");
        try {
            // as if the flag had been set behind the workflow's back, bound to the post's own approval
            jdbc.sql("""
                    update delivery d set pause_override = true, override_decided_at = p.decided_at
                    from post p where p.id = d.post_id and d.post_id = :post
                    """).param("post", ordinary.id().value()).update();

            dispatcher.drain();

            assertThat(requestsFor(only(ordinary))).isZero();
        } finally {
            pauses.resume(world.admin(), world.lineA().id());
        }
    }

    @Test
    void anOverrideIsGivenOnlyDuringAPause() {
        World world = data.world();
        Post emergency = approvedEmergency(world, "【警報】大雨警報が発表されました",
                clock.instant().plus(Duration.ofMinutes(10)));

        assertThatThrownBy(() -> pauses.overrideForEmergency(world.admin(), emergency.id(), "先に許可しておく"))
                .isInstanceOf(IllegalTransitionException.class);
    }

    private Post approvedEmergency(World world, String text, Instant at) {
        Post post = workflow.create(world.poster(), NewPost.of(text, List.of(), PostCategory.EMERGENCY,
                List.of(world.lineA().id()), at));
        workflow.submit(world.poster(), post.id());
        return workflow.approve(world.approver(), post.id(), "緊急", Set.of(), workflow.get(post.id()).contentHash());
    }

    private static int requestsFor(Delivery delivery) {
        return SimulatedPlatforms.shared().lineBroadcastsOf(delivery.id());
    }

    private static Delivery only(Post post) {
        assertThat(post.deliveries()).hasSize(1);
        return post.deliveries().getFirst();
    }
}
