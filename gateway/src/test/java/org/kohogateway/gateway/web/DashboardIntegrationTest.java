package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard picks what a person sees in the database — their department's deliveries, nearest first — so that
 * however busy other departments are, their own next posts and held deliveries are there.
 */
class DashboardIntegrationTest extends IntegrationTest {

    /** More than the dashboard shows of each list (200 scheduled, 100 held). */
    private static final int OTHER_ACCOUNTS = 20;
    private static final int OTHER_SCHEDULED_POSTS = 11;
    private static final int OTHER_HELD_POSTS = 6;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    StaffDirectory staff;

    @Test
    void aDepartmentSeesItsOwnNearestAndHeldDeliveriesHoweverBusyAnotherDepartmentIs() {
        World world = data.world();
        Instant start = clock.instant();
        String n = TestData.unique();
        Post held = data.draft(world.poster(), "保留になる自課の投稿 " + n, start.plusSeconds(60), world.lineA());
        workflow.submit(world.poster(), held.id());
        Post later = data.approvedPost(world, "自課の後の予定 " + n, start.plus(Duration.ofHours(5)), world.lineA2());
        Post nearest = data.approvedPost(world, "自課の次の予定 " + n, start.plus(Duration.ofHours(2)), world.lineA());
        clock.set(start.plusSeconds(120));
        workflow.approve(world.approver(), held.id(), "遅れて承認", Set.of(), workflow.get(held.id()).contentHash());
        assertThat(workflow.get(held.id()).deliveries().getFirst().status()).isEqualTo(DeliveryStatus.HELD);

        // afterwards, another department fills both lists beyond their limits, nearer in time than ours
        clock.set(start.plusSeconds(180));
        List<Post> others = busyOtherDepartment(world, start, n);
        try {
            PageSession poster = session(world.poster());
            String dashboard = poster.page("/");
            assertThat(dashboard).contains("/posts/" + nearest.id().value()).contains("/posts/" + later.id().value())
                    .doesNotContain("防災 " + n).doesNotContain("他課の予定 " + n);
            assertThat(dashboard.indexOf("自課の次の予定 " + n)).as("nearest first")
                    .isLessThan(dashboard.indexOf("自課の後の予定 " + n));
            assertThat(dashboard).doesNotContain("一部だけを表示しています");

            String approver = session(world.approver()).page("/");
            assertThat(approver).contains("/posts/" + held.id().value() + "/reschedule")
                    .contains("/posts/" + held.id().value() + "/cancel").doesNotContain("他課の保留 " + n);

            String pr = session(world.pr()).page("/");
            assertThat(pr).as("PR sees every account, and is told when a list is cut")
                    .contains("予約が多いため").contains("保留中の配信が多いため");
        } finally {
            // other tests move the clock and drain the outbox: leave nothing of this crowd to send
            others.forEach(p -> workflow.cancel(world.admin(), p.id(), "テストの後片付け"));
        }
    }

    /** 220 scheduled deliveries due in an hour and 120 held ones, on twenty accounts of department B. */
    private List<Post> busyOtherDepartment(World world, Instant start, String n) {
        String posterB = "posterb-" + n;
        staff.addStaff(posterB, posterB, TestData.PASSWORD, world.departmentB().id(), Set.of(Role.POSTER));
        List<Long> accounts = IntStream.range(0, OTHER_ACCOUNTS).mapToObj(i -> data.account(world.departmentB(),
                Platform.LINE, "防災 " + n + " LINE " + i, new OperatingPolicy(true, ReplyPolicy.NO_REPLIES),
                new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, "token-" + n + "-" + i))))
                .map(OfficialAccount::id).toList();
        List<Post> posts = new ArrayList<>();
        List<Post> toHold = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < OTHER_HELD_POSTS; i++) {
            Post post = workflow.create(posterB, NewPost.of("他課の保留 " + n + " " + i, List.of(), PostCategory.NOTICE,
                    accounts, now.plusSeconds(30)));
            toHold.add(workflow.submit(posterB, post.id()));
        }
        for (int i = 0; i < OTHER_SCHEDULED_POSTS; i++) {
            Post post = workflow.create(posterB, NewPost.of("他課の予定 " + n + " " + i, List.of(), PostCategory.NOTICE,
                    accounts, start.plus(Duration.ofHours(1))));
            workflow.submit(posterB, post.id());
            posts.add(workflow.approve(world.approverB(), post.id(), "ok", Set.of(), workflow.get(post.id()).contentHash()));
        }
        clock.set(now.plusSeconds(60));
        for (Post post : toHold) {
            posts.add(workflow.approve(world.approverB(), post.id(), "遅れて承認", Set.of(), workflow.get(post.id()).contentHash()));
        }
        assertThat(posts.subList(OTHER_SCHEDULED_POSTS, posts.size())).allSatisfy(p -> assertThat(p.deliveries())
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.HELD)));
        return posts;
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }
}
