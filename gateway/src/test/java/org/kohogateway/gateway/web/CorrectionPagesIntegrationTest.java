package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.dispatch.SentPosts;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** Guideline §7-① 誤りは直ちに認め、訂正する, from the pages: a sent post's page leads to its correction and back. */
class CorrectionPagesIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    StaffDirectory staff;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    SentPosts sentPosts;

    @Test
    void aSentPostIsCorrectedFromItsPageAndEachLinksToTheOther() {
        World world = data.world();
        String wrong = "秋祭りは11月31日に開催します " + TestData.unique();
        Post original = sent(world, wrong);
        String write = "/compose?correctionOf=" + original.id().value();
        PageSession poster = session(world.poster());

        assertThat(poster.page("/posts/" + original.id().value())).contains("href=\"" + write + "\"");
        String compose = poster.page(write);
        assertThat(compose).contains("name=\"correctionOf\" value=\"" + original.id().value() + "\"")
                .contains("【訂正】" + wrong).contains("次の投稿の訂正を作成しています")
                .contains("href=\"/posts/" + original.id().value() + "\"")
                .contains("value=\"" + world.lineA().id() + "\" checked");
        String body = "text=" + enc("【訂正】秋祭りは11月30日に開催します。お詫びして訂正します。") + "&category=NOTICE&accountIds="
                + world.lineA().id() + "&timing=asap&correctionOf=" + original.id().value();
        assertThat(poster.submitWithoutToken("/posts", body + "&action=submit").statusCode()).as("no CSRF token")
                .isEqualTo(403);

        HttpResponse<String> submitted = poster.submit(write, "/posts", body + "&action=submit");
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).contains("承認申請しました").contains("訂正の元の投稿を表示");
        List<Post> corrections = workflow.corrections(original.id());
        assertThat(corrections).hasSize(1);
        Post correction = corrections.getFirst();
        assertThat(correction.correctionOf()).isEqualTo(original.id());
        assertThat(correction.status()).isEqualTo(PostStatus.SUBMITTED);

        assertThat(poster.page("/posts/" + original.id().value())).contains("この投稿の訂正")
                .contains("href=\"/posts/" + correction.id().value() + "\"");
        assertThat(poster.page("/posts/" + correction.id().value())).contains("この投稿は次の投稿の訂正です")
                .contains("href=\"/posts/" + original.id().value() + "\"")
                .as("a post not sent yet is edited, not corrected").doesNotContain("/compose?correctionOf=");
        assertThat(api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + correction.id()).body())
                .contains("correctionOf").contains(original.id().toString());
    }

    @Test
    void onlyASentPostOfOnesOwnDepartmentOrPrIsCorrectedAndEachRefusalIsAFormError() {
        World world = data.world();
        Post original = sent(world, "送信済みの投稿 " + TestData.unique());
        Post unsent = data.approvedPost(world, "まだ送っていない投稿 " + TestData.unique(),
                clock.instant().plusSeconds(3600), world.lineA());
        PageSession poster = session(world.poster());
        String body = "text=" + enc("【訂正】") + "&category=NOTICE&accountIds=" + world.lineA().id() + "&correctionOf=";

        assertThat(poster.page("/posts/" + unsent.id().value())).doesNotContain("/compose?correctionOf=");
        HttpResponse<String> notSent = poster.get("/compose?correctionOf=" + unsent.id().value());
        assertThat(notSent.statusCode()).isEqualTo(422);
        assertThat(notSent.body()).contains("まだ送信されていません").doesNotContain("まだ送っていない投稿");
        HttpResponse<String> refused = poster.submit("/compose", "/posts", body + unsent.id().value());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("class=\"error\"").contains("まだ送信されていません");
        HttpResponse<String> garbled = poster.submit("/compose", "/posts", body + "not-a-post");
        assertThat(garbled.statusCode()).isEqualTo(422);
        assertThat(garbled.body()).contains("訂正対象の投稿 not-a-post は存在しません");
        assertThat(poster.get("/compose?correctionOf=not-a-post").statusCode()).isEqualTo(400);
        assertThat(poster.get("/compose?correctionOf=" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);

        String posterB = "posterb-" + TestData.unique();
        staff.addStaff(posterB, posterB, TestData.PASSWORD, world.departmentB().id(), Set.of(Role.POSTER));
        PageSession other = session(posterB);
        HttpResponse<String> foreign = other.get("/compose?correctionOf=" + original.id().value());
        assertThat(foreign.statusCode()).as("another department's post").isEqualTo(403);
        assertThat(foreign.body()).contains("他の所属の投稿は訂正できません").doesNotContain("送信済みの投稿");
        HttpResponse<String> foreignPost = other.submit("/compose", "/posts", "text=" + enc("【訂正】")
                + "&category=NOTICE&accountIds=" + world.lineB().id() + "&correctionOf=" + original.id().value());
        assertThat(foreignPost.statusCode()).as("a refusal of the person: the error page").isEqualTo(403);
        assertThat(foreignPost.body()).contains("この操作を行う権限がありません").contains("他の所属の投稿は訂正できません");
        assertThat(workflow.corrections(original.id())).isEmpty();

        PageSession auditor = session(world.auditor());
        assertThat(auditor.page("/posts/" + original.id().value())).as("auditors read, they do not write")
                .doesNotContain("/compose?correctionOf=");
        assertThat(auditor.get("/compose?correctionOf=" + original.id().value()).statusCode()).isEqualTo(403);
        assertThat(session(world.pr()).page("/compose?correctionOf=" + original.id().value()))
                .as("the PR department corrects any department's post").contains("name=\"correctionOf\"");
    }

    @Test
    void aPostTakenDownOnThePlatformIsStillCorrected() {
        World world = data.world();
        Post tweet = data.approvedPost(world, "誤った日付の投稿 " + TestData.unique(), null, world.x());
        dispatcher.drain();
        sentPosts.delete(world.admin(), workflow.get(tweet.id()).deliveries().getFirst().id(), "日付の誤り");
        assertThat(workflow.get(tweet.id()).deliveries().getFirst().status()).isEqualTo(DeliveryStatus.DELETED);
        PageSession poster = session(world.poster());

        assertThat(poster.page("/posts/" + tweet.id().value())).contains("/compose?correctionOf=");
        HttpResponse<String> submitted = poster.submit("/compose?correctionOf=" + tweet.id().value(), "/posts",
                "text=" + enc("【訂正】正しい日付は11月30日です") + "&category=NOTICE&accountIds=" + world.x().id()
                        + "&correctionOf=" + tweet.id().value());
        assertThat(submitted.body()).contains("下書きを保存しました");
        assertThat(workflow.corrections(tweet.id())).hasSize(1);
    }

    private Post sent(World world, String text) {
        Post post = data.approvedPost(world, text, null, world.lineA());
        dispatcher.drain();
        Post sent = workflow.get(post.id());
        assertThat(sent.wentOut()).isTrue();
        return sent;
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }
}
