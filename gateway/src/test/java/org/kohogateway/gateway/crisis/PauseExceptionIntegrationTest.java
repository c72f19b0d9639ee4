package org.kohogateway.gateway.crisis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A pause may name who may still post (the disaster-prevention department's EMERGENCY posts) and when it ends by
 * itself; what it held stays held for a person's decision, however it ends.
 */
class PauseExceptionIntegrationTest extends IntegrationTest {

    @Autowired
    Pauses pauses;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    SendLog sendLog;

    @Autowired
    StaffDirectory staff;

    @Test
    void aGlobalPauseNamingTheDisasterDepartmentsEmergencyPostsLetsOnlyThoseThrough() {
        World world = data.world();
        String posterB = "poster-b-" + world.poster();
        staff.addStaff(posterB, "防災 太郎", "password-" + posterB, world.departmentB().id(), Set.of(Role.POSTER));
        Instant at = clock.instant().plus(Duration.ofMinutes(10));
        Post disasterEmergency = approved(world, posterB, world.approverB(), world.lineB(), "【避難指示】A地区に避難指示",
                PostCategory.EMERGENCY, at);
        Post disasterOrdinary = approved(world, posterB, world.approverB(), world.lineB(), "防災訓練のお知らせ",
                PostCategory.NOTICE, at);
        Post otherEmergency = approved(world, world.poster(), world.approver(), world.lineA(), "【観光】臨時休館",
                PostCategory.EMERGENCY, at);
        pauses.pause(world.admin(), null, "大規模災害対応", world.departmentB().id(), PostCategory.EMERGENCY, null);
        try {
            clock.set(at);
            dispatcher.drain();

            assertThat(requestsFor(only(disasterEmergency))).as("防災安全課's emergency post goes out").isEqualTo(1);
            assertThat(requestsFor(only(disasterOrdinary))).as("its ordinary post is held").isZero();
            assertThat(requestsFor(only(otherEmergency))).as("another department's emergency post is held").isZero();
            assertThat(status(only(disasterEmergency))).isEqualTo(DeliveryStatus.SENT);
            assertThat(status(only(disasterOrdinary))).isEqualTo(DeliveryStatus.HELD);
            assertThat(status(only(otherEmergency))).isEqualTo(DeliveryStatus.HELD);
        } finally {
            pauses.resume(world.admin(), null);
        }
    }

    @Test
    void aPauseEndsByItselfAtItsEndTimeAndWhatItHeldStaysHeldForADecision() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofMinutes(10));
        Post stopped = approved(world, world.poster(), world.approver(), world.lineA(), "通常のお知らせ（停止中に予定）",
                PostCategory.NOTICE, at);
        Post overdue = approved(world, world.poster(), world.approver(), world.lineA2(), "予定時刻が停止中に過ぎる投稿",
                PostCategory.NOTICE, at);
        Instant endsAt = clock.instant().plus(Duration.ofMinutes(30));
        // on lineA the gate holds the ordinary post while the pause lasts; on lineA2 its time passes unclaimed
        pauses.pause(world.admin(), world.lineA().id(), "成りすまし対応", null, PostCategory.EMERGENCY, endsAt);
        pauses.pause(world.admin(), world.lineA2().id(), "成りすまし対応", null, null, endsAt);
        clock.set(at);
        dispatcher.drain();
        assertThat(status(only(stopped))).isEqualTo(DeliveryStatus.HELD);
        assertThat(status(only(overdue))).isEqualTo(DeliveryStatus.SCHEDULED);

        clock.set(endsAt.plusSeconds(1));
        List<ResumeReport> ended = pauses.endDue();
        dispatcher.drain();

        assertThat(pauses.active()).noneMatch(p -> world.lineA().id() == (p.accountId() == null ? -1 : p.accountId())
                || world.lineA2().id() == (p.accountId() == null ? -1 : p.accountId()));
        assertThat(ended).flatExtracting(ResumeReport::held).extracting(DeliveryView::id)
                .contains(only(stopped).id(), only(overdue).id());
        assertThat(requestsFor(only(stopped)) + requestsFor(only(overdue))).as("nothing sent in a burst").isZero();
        assertThat(status(only(stopped))).isEqualTo(DeliveryStatus.HELD);
        assertThat(status(only(overdue))).isEqualTo(DeliveryStatus.HELD);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=PAUSE&subjectId=" + world.lineA().id()).body())
                .contains("RESUMED").contains("\"" + Pauses.SCHEDULE + "\"").contains("成りすまし対応");
    }

    @Test
    void anExceptionLetsThroughOnlyPostsMatchingAllItNamesAndNoExceptionStopsEverything() {
        Pause plain = new Pause(null, "炎上対応", "admin", Instant.EPOCH, null, null, null);
        Pause departmentOnly = new Pause(null, "災害", "admin", Instant.EPOCH, 7L, null, null);
        Pause emergencyOnly = new Pause(null, "災害", "admin", Instant.EPOCH, null, PostCategory.EMERGENCY, null);

        assertThat(plain.stops(7, PostCategory.EMERGENCY)).isTrue();
        assertThat(departmentOnly.stops(7, PostCategory.NOTICE)).isFalse();
        assertThat(departmentOnly.stops(8, PostCategory.EMERGENCY)).isTrue();
        assertThat(emergencyOnly.stops(8, PostCategory.EMERGENCY)).isFalse();
        assertThat(emergencyOnly.stops(8, PostCategory.NOTICE)).isTrue();
    }

    private Post approved(World world, String poster, String approver, OfficialAccount account, String text,
            PostCategory category, Instant at) {
        Post post = workflow.create(poster, NewPost.of(text, List.of(), category, List.of(account.id()), at));
        workflow.submit(poster, post.id());
        return workflow.approve(approver, post.id(), "承認", Set.of(), workflow.get(post.id()).contentHash());
    }

    private DeliveryStatus status(Delivery delivery) {
        return sendLog.byIds(List.of(delivery.id())).getFirst().status();
    }

    private static int requestsFor(Delivery delivery) {
        return SimulatedPlatforms.shared().lineBroadcastsOf(delivery.id());
    }

    private static Delivery only(Post post) {
        assertThat(post.deliveries()).hasSize(1);
        return post.deliveries().getFirst();
    }
}
