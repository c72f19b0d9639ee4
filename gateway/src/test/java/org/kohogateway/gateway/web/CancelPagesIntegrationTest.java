package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** Cancelling an approved post from the pages: a confirmation with a required reason, for those who may only. */
class CancelPagesIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    Dispatcher dispatcher;

    @Test
    void theAuthorCancelsAnApprovedPostFromMyPostsAfterConfirmingWithAReason() {
        World world = data.world();
        String text = "中止する予定の投稿 " + TestData.unique();
        Post post = data.approvedPost(world, text, clock.instant().plusSeconds(3600), world.lineA(), world.lineA2());
        String cancel = "/posts/" + post.id().value() + "/cancel";
        PageSession poster = session(world.poster());

        assertThat(poster.page("/posts")).contains(cancel + "?back=/posts");
        String confirm = poster.page(cancel + "?back=/posts");
        assertThat(confirm).contains(text).contains(world.lineA().name()).contains(world.lineA2().name())
                .contains("name=\"reason\"").contains("required").contains("value=\"/posts\"");
        assertThat(poster.submitWithoutToken(cancel, "reason=x").statusCode()).as("no CSRF token").isEqualTo(403);

        HttpResponse<String> blank = poster.submit(cancel, cancel, "reason=%20%20&back=/posts");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("中止の理由を入力してください").contains("name=\"reason\"");
        HttpResponse<String> tooLong = poster.submit(cancel, cancel, "reason=" + "x".repeat(Post.MAX_REASON + 1));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("理由が長すぎます");
        assertThat(workflow.get(post.id()).status()).isEqualTo(PostStatus.APPROVED);

        HttpResponse<String> done = poster.submit(cancel, cancel, "reason=" + enc("イベントが延期になったため")
                + "&back=/posts");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("投稿を中止しました").contains("status-cancelled").doesNotContain(cancel);
        Post cancelled = workflow.get(post.id());
        assertThat(cancelled.status()).isEqualTo(PostStatus.CANCELLED);
        assertThat(cancelled.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.CANCELLED);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + post.id()).body())
                .contains("POST_CANCELLED").contains("イベントが延期になったため").contains(world.poster());

        HttpResponse<String> again = poster.get(cancel);
        assertThat(again.statusCode()).as("nothing left to cancel").isEqualTo(409);
        assertThat(again.body()).contains("この投稿は中止できません").doesNotContain("name=\"reason\"");
        HttpResponse<String> twice = poster.submit("/posts", cancel, "reason=x");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("class=\"error\"").contains("中止");
    }

    @Test
    void onlyTheAuthorAnApproverOfThePostOrAnAdminMayCancelIt() {
        World world = data.world();
        Post post = data.approvedPost(world, "他の人は中止できない " + TestData.unique(),
                clock.instant().plusSeconds(3600), world.lineA());
        String cancel = "/posts/" + post.id().value() + "/cancel";

        for (String outsider : new String[] {world.approverB(), world.pr(), world.auditor()}) {
            PageSession other = session(outsider);
            assertThat(other.get(cancel).statusCode()).as(outsider).isEqualTo(403);
            HttpResponse<String> refused = other.submit("/", cancel, "reason=x");
            assertThat(refused.statusCode()).as(outsider).isEqualTo(403);
            assertThat(refused.body()).as(outsider).contains("中止できるのは作成者、この投稿の承認者、または管理者です")
                    .doesNotContain("他の人は中止できない");
        }
        assertThat(session(world.approver()).page("/posts/" + post.id().value())).contains(cancel);
        assertThat(session(world.approverB()).get("/posts/" + post.id().value()).statusCode())
                .as("another department's post is not found: its existence does not leak").isEqualTo(404);

        PageSession admin = session(world.admin());
        String page = "/posts/" + post.id().value();
        assertThat(admin.page(page)).contains(cancel + "?back=" + page);
        HttpResponse<String> done = admin.submit(page, cancel, "reason=" + enc("災害のため中止") + "&back=" + page);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).as("back on the post's page").contains("投稿を中止しました")
                .contains("id=\"post-" + post.id().value() + "\"").contains("status-cancelled");
        assertThat(workflow.get(post.id()).status()).isEqualTo(PostStatus.CANCELLED);
        assertThat(session(world.poster()).get("/posts/" + java.util.UUID.randomUUID() + "/cancel").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPostThatHasGoneOutCannotBeCancelledAndTheFormSaysWhy() {
        World world = data.world();
        Post post = data.approvedPost(world, "もう送信した投稿 " + TestData.unique(), null, world.lineA());
        dispatcher.drain();
        assertThat(workflow.get(post.id()).deliveries().getFirst().status()).isEqualTo(DeliveryStatus.SENT);
        String cancel = "/posts/" + post.id().value() + "/cancel";
        PageSession poster = session(world.poster());

        assertThat(poster.page("/posts")).doesNotContain(cancel);
        HttpResponse<String> confirm = poster.get(cancel);
        assertThat(confirm.statusCode()).isEqualTo(409);
        assertThat(confirm.body()).contains("この投稿は中止できません（状態: 承認済み）").doesNotContain("name=\"reason\"");
        HttpResponse<String> refused = poster.submit("/posts", cancel, "reason=" + enc("誤り"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("配信が既に始まっているため");
        assertThat(workflow.get(post.id()).status()).isEqualTo(PostStatus.APPROVED);
    }

    @Test
    void aHeldDeliveryOffersCancelBesideANewTimeOnTheDashboard() {
        World world = data.world();
        Instant at = clock.instant().plusSeconds(60);
        String text = "承認が遅れて保留になった投稿 " + TestData.unique();
        Post late = data.draft(world.poster(), text, at, world.lineA());
        workflow.submit(world.poster(), late.id());
        clock.set(at.plusSeconds(120));
        workflow.approve(world.approver(), late.id(), "遅れて承認", Set.of(), workflow.get(late.id()).contentHash());
        assertThat(workflow.get(late.id()).deliveries().getFirst().status()).isEqualTo(DeliveryStatus.HELD);
        String cancel = "/posts/" + late.id().value() + "/cancel";
        String reschedule = "/posts/" + late.id().value() + "/reschedule";

        assertThat(session(world.poster()).page("/")).as("the author's own held post").contains(cancel + "?back=/");
        assertThat(session(world.approverB()).page("/")).doesNotContain(cancel);
        PageSession approver = session(world.approver());
        String dashboard = approver.page("/");
        assertThat(dashboard).contains(reschedule).contains(cancel + "?back=/");

        HttpResponse<String> done = approver.submit(cancel + "?back=/", cancel,
                "reason=" + enc("予定時刻を過ぎたので送らない") + "&back=/");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).as("back on the dashboard").contains("投稿を中止しました")
                .contains("いま対応が必要なこと").doesNotContain(reschedule);
        assertThat(workflow.get(late.id()).deliveries()).extracting(Delivery::status)
                .containsOnly(DeliveryStatus.CANCELLED);
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }
}
