package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.records.PostRecords;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Legal hold and disposal from the pages (issue 21 point 5), on the whole gateway: an auditor holds a record and lifts
 * the hold, draws up the disposal list, cannot approve it herself (the form says so), and an admin approves it; a
 * poster reaches none of it; forms without their CSRF token change nothing. Sent in 1956 (a decade no other test sends
 * in), so the list holds this test's record only.
 */
class RecordPagesIntegrationTest extends IntegrationTest {

    @Autowired
    PostRecords records;

    @Autowired
    StaffDirectory staff;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAuditorHoldsAndReleasesARecordAndASecondPersonApprovesTheDisposalListSheDrewUp() {
        clock.set(Instant.parse("1956-06-01T01:00:00Z"));
        World world = data.world();
        PostId post = sent(world, "ページから廃棄 1956 " + TestData.unique());
        String page = "/records/posts/" + post.value();
        PageSession auditor = PageSession.login(port, clock, world.auditor(), TestData.PASSWORD);

        assertThat(auditor.page(page)).contains("記録の詳細", "保存中", "<label for=\"hold-reason\">理由</label>");
        assertThat(auditor.submitWithoutToken(page + "/hold", "reason=x").statusCode()).as("no CSRF token")
                .isEqualTo(403);
        HttpResponse<String> blank = auditor.submit(page, page + "/hold", "reason=%20");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(PageSession.formError(blank.body(), "hold")).contains("理由を入力してください");
        HttpResponse<String> held = auditor.submit(page, page + "/hold", "reason=" + enc("情報公開請求 第7号"));
        assertThat(held.body()).contains("記録を訴訟ホールドにしました。", "訴訟ホールド中: 情報公開請求 第7号（" + world.auditor());
        assertThat(records.row(staff.byUsername(world.auditor()), post).held()).isTrue();
        HttpResponse<String> released = auditor.submit(page, page + "/release", "reason=" + enc("対応が終わった"));
        assertThat(released.body()).contains("記録のホールドを解除しました。", "保存中");

        clock.set(Instant.parse("1958-04-02T01:00:00Z"));
        HttpResponse<String> drawn = auditor.post("/records/disposal", "/records/disposal", "");
        String location = PageSession.location(drawn);
        assertThat(location).contains("/records/disposal#list-");
        long list = Long.parseLong(location.substring(location.indexOf("#list-") + "#list-".length()));
        String lists = auditor.page("/records/disposal");
        assertThat(lists).contains("廃棄リストを作成しました。", "href=\"" + page + "\"", "決定待ち");
        String approve = "/records/disposal/" + list + "/approve";

        HttpResponse<String> own = auditor.submit("/records/disposal", approve, "comment=" + enc("自分で承認"));
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(PageSession.formError(own.body(), "list-" + list))
                .contains("廃棄リストは作成者以外の人が決定します（作成者: " + world.auditor() + "）");
        assertThat(own.body()).contains("<h1>廃棄リスト</h1>", ">自分で承認</textarea>");

        PageSession poster = PageSession.login(port, clock, world.poster(), TestData.PASSWORD);
        assertThat(poster.get("/records/disposal").statusCode()).isEqualTo(403);
        assertThat(poster.get(page).statusCode()).isEqualTo(403);
        assertThat(poster.sendWithSessionToken("POST", approve, "comment=x", "application/x-www-form-urlencoded",
                Map.of()).statusCode()).isEqualTo(403);
        PageSession admin = PageSession.login(port, clock, world.admin(), TestData.PASSWORD);
        assertThat(admin.submitWithoutToken(approve, "comment=x").statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(records.row(staff.byUsername(world.auditor()), post).disposed()).isFalse();

        HttpResponse<String> approved = admin.submit("/records/disposal", approve, "comment=" + enc("保存期間満了を確認"));

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("廃棄リストを承認しました。", "承認済み", "保存期間満了を確認", "画像を廃棄");
        assertThat(records.row(staff.byUsername(world.auditor()), post).disposed()).isTrue();
    }

    /** A post to LINE A, approved and set SENT now, as the dispatcher records a platform's answer. */
    private PostId sent(World world, String text) {
        Post post = data.approvedPost(world, text, clock.instant().plus(Duration.ofHours(1)), world.lineA());
        jdbc.sql("""
                update delivery set status = 'SENT', platform_post_id = :platformId, sent_at = :now, due_at = null
                where post_id = :post
                """).param("platformId", "page-" + TestData.unique()).param("now", Timestamp.from(clock.instant()))
                .param("post", post.id().value()).update();
        return post.id();
    }
}
