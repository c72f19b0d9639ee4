package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.feed.FeedSource;
import org.kohogateway.gateway.feed.PressReleaseFeed;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** The press-release page: the PR department's direct-publish drafts, whoever wrote them, and the feed's problems. */
class PressReleasePagesIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    StaffDirectory staff;

    @Autowired
    PressReleaseFeed feed;

    @Test
    void anyPrOfficerSeesEditsAndPublishesTheDirectDraftsNewestFirst() {
        World world = data.world();
        String n = TestData.unique();
        // pr stands for the feed's configured author; pr2 is a colleague who picks the drafts up
        Post older = direct(world.pr(), "【報道発表】古いお知らせ " + n, "https://www.city.gotsu.lg.jp/press/old-" + n + ".html",
                world.cityLine().id());
        clock.advance(java.time.Duration.ofMinutes(1));
        String newSource = SimulatedPlatforms.shared().cityPage("新しいお知らせ " + n).toString();
        Post newer = direct(world.pr(), "【報道発表】新しいお知らせ " + n, newSource, world.cityLine().id());
        Post ordinary = data.draft(world.pr(), "承認を受ける普通の下書き " + n, null, world.cityLine());
        String publish = "/press-release/drafts/" + newer.id().value() + "/publish";
        PageSession pr2 = session(world.pr2());

        String page = pr2.page("/press-release");
        assertThat(page).contains("直接発信の下書き").contains(newSource)
                .contains("href=\"https://www.city.gotsu.lg.jp/press/old-" + n)
                .contains("/posts/" + older.id().value() + "/edit").contains(publish)
                .contains(world.cityLine().name()).doesNotContain(ordinary.content().text());
        assertThat(page.indexOf("新しいお知らせ " + n)).as("newest first")
                .isLessThan(page.indexOf("古いお知らせ " + n));

        String edit = "/posts/" + older.id().value() + "/edit";
        assertThat(pr2.page(edit)).as("the compose page, for a colleague's draft").contains("古いお知らせ " + n)
                .contains("press/old-" + n);
        HttpResponse<String> saved = pr2.submit(edit, edit, "text=" + enc("【報道発表】古いお知らせ（修正） " + n)
                + "&category=PRESS_RELEASE&timing=asap&action=save");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).as("back on the drafts").contains("保存しました").contains("古いお知らせ（修正） " + n);
        assertThat(workflow.get(older.id()).content().text()).isEqualTo("【報道発表】古いお知らせ（修正） " + n);

        assertThat(pr2.submitWithoutToken(publish, "").statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> published = pr2.submit("/press-release", publish, "");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains("発信しました").doesNotContain(publish);
        Post done = workflow.get(newer.id());
        assertThat(done.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(done.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.SCHEDULED);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + newer.id()).body())
                .contains("POST_PUBLISHED_DIRECT").contains(world.pr2());

        HttpResponse<String> twice = pr2.submit("/press-release", publish, "");
        assertThat(twice.body()).as("published already").contains("class=\"error\"").contains("publishDirect");
    }

    @Test
    void aDraftWhoseFindingsNeedAcknowledgingGoesToAnotherPrOfficerAndOthersAreRefused() {
        World world = data.world();
        String n = TestData.unique();
        URI source = SimulatedPlatforms.shared().cityPage("外部サイトの案内 " + n);
        Post draft = workflow.create(world.pr(), new NewPost("【報道発表】詳細は外部サイトへ " + n,
                List.of(source, URI.create("https://example.com/event-" + n)), List.of(), PostCategory.PRESS_RELEASE,
                List.of(world.cityLine().id()), null, source, null, null, null, null));
        String publish = "/press-release/drafts/" + draft.id().value() + "/publish";
        PageSession pr2 = session(world.pr2());

        assertThat(pr2.page("/press-release")).as("what the rules say, before publishing").contains("要確認")
                .contains("example.com");
        assertThat(pr2.page("/posts/" + draft.id().value() + "/edit"))
                .as("the publishing officer is not offered to acknowledge: another PR officer does")
                .contains("要確認").doesNotContain("name=\"acknowledge\"");
        HttpResponse<String> sent = pr2.submit("/press-release", publish, "");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).as("not published: another PR officer decides")
                .contains("ほかの広報担当者の承認待ち");
        Post waiting = workflow.get(draft.id());
        assertThat(waiting.status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(waiting.route()).isEqualTo(ApprovalRoute.PR_REVIEW);
        assertThat(inboxOf(world.pr2())).extracting(Post::id).as("not for the one who sent it")
                .doesNotContain(draft.id());
        assertThat(inboxOf(world.pr())).extracting(Post::id).as("nor for its author")
                .doesNotContain(draft.id());

        PageSession poster = session(world.poster());
        assertThat(poster.get("/press-release").statusCode()).isEqualTo(403);
        assertThat(poster.submit("/posts", publish, "").statusCode()).isEqualTo(403);
        assertThat(poster.get("/posts/" + draft.id().value() + "/edit").statusCode()).as("not a PR officer")
                .isEqualTo(403);
        assertThat(workflow.get(draft.id()).status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(pr2.submit("/press-release", "/press-release/drafts/" + java.util.UUID.randomUUID() + "/publish", "")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void thePostPageShowsTheCheckedSourceToAuditorsAndNoLinkToARefusedAddress() {
        World world = data.world();
        String n = TestData.unique();
        URI source = SimulatedPlatforms.shared().cityPage("監査用の報道発表 " + n);
        String inside = "https://169.254.169.254/latest/meta-data-" + n;
        Post draft = workflow.create(world.pr(), new NewPost("【報道発表】監査用 " + n,
                List.of(source, URI.create(inside)), List.of(), PostCategory.PRESS_RELEASE,
                List.of(world.cityLine().id()), null, source, null, null, null, null));
        workflow.publishDirect(world.pr2(), draft.id());
        Post checked = workflow.get(draft.id());

        String page = session(world.auditor()).page("/posts/" + draft.id().value());

        assertThat(page).contains("監査用の報道発表 " + n).contains(checked.sourcePage().sha256())
                .contains(inside).doesNotContain("href=\"" + inside);
    }

    @Test
    void theFeedsRecentProblemsAreShown() {
        World world = data.world();
        // nothing listens on port 1: the poll fails as an unreachable feed does
        feed.poll(new FeedSource(URI.create("http://127.0.0.1:1/press-" + TestData.unique() + ".xml"), world.pr(),
                List.of(world.cityLine().id())));

        String page = session(world.pr()).page("/press-release");
        assertThat(page).contains("報道発表の取り込み").contains("最後の取り込み").contains("失敗").contains("unreachable");
        assertThat(session(world.pr()).page("/press-release?lang=en")).contains("Press-release feed")
                .contains("failed");
    }

    private Post direct(String author, String text, String source, long accountId) {
        return workflow.create(author, new NewPost(text, List.of(URI.create(source)), List.of(),
                PostCategory.PRESS_RELEASE, List.of(accountId), null, URI.create(source), null, null, null, null));
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }

    /** What waits for this person's decision on the pages. */
    private java.util.List<Post> inboxOf(String username) {
        return workflow.inbox(username, Readers.of(staff.byUsername(username)));
    }
}
