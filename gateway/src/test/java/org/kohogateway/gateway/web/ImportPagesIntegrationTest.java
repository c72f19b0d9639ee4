package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kohogateway.gateway.testing.PageSession.formError;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The bulk import page over real HTTP: Shift_JIS, bad rows by line, the posts created, restart, refusals, roles. */
class ImportPagesIntegrationTest extends IntegrationTest {

    private static final String HEADER = "text,links,category,account_ids,scheduled_at,submit\r\n";
    private static final Pattern IMPORT_PAGE = Pattern.compile("/imports/(\\d+)");

    @Autowired
    PostWorkflow workflow;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPosterImportsAShiftJisFileAndFollowsItToThePostsItCreated() {
        World world = data.world();
        long account = world.lineA().id();
        String csv = HEADER
                + "江津市の秋祭りは11月30日（日）に開催します。,https://www.city.gotsu.lg.jp/,EVENT," + account + ","
                + japanTime(Duration.ofDays(3)) + ",true\r\n"
                + "図書館は年末年始に休館します。～ご注意ください～,,NOTICE," + account + ",,false\r\n";
        PageSession poster = session(world.poster());
        assertThat(poster.page("/")).contains("href=\"/imports\"");

        HttpResponse<String> accepted = poster.upload("/imports", "/imports", Map.of("mode", "VALID_ROWS"),
                "秋の行事.csv", csv.getBytes(Charset.forName("windows-31j")));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("ファイルを受け付けました").contains("秋の行事.csv");
        long id = importId(accepted);
        String done = awaitFinished(poster, id);
        assertThat(done).contains("完了").contains("windows-31j").contains("2 行中 2 件を登録、0 件は誤り")
                .doesNotContain("hx-trigger");
        List<String> posts = postLinks(done);
        assertThat(posts).hasSize(2);
        assertThat(done).contains("2 行目の投稿").contains("3 行目の投稿");
        var first = workflow.get(new PostId(UUID.fromString(posts.get(0))));
        assertThat(first.content().text()).isEqualTo("江津市の秋祭りは11月30日（日）に開催します。");
        assertThat(first.status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(workflow.get(new PostId(UUID.fromString(posts.get(1)))).content().text())
                .isEqualTo("図書館は年末年始に休館します。～ご注意ください～");
        assertThat(poster.page("/posts/" + posts.get(0))).contains("江津市の秋祭りは11月30日");
        String history = poster.page("/imports");
        assertThat(history).contains("id=\"import-" + id + "\"").contains("秋の行事.csv").contains("完了")
                .contains(account + ": " + world.lineA().name());
        assertThat(poster.page("/imports?lang=en")).contains("Completed").contains("Bulk import (CSV)");
    }

    @Test
    void aBadRowIsShownWithItsLineAndAllOrNothingImportsNothing() {
        World world = data.world();
        long a = world.lineA().id();
        String csv = HEADER + "良い投稿です。,,NOTICE," + a + ",,false\r\n"
                + "電話は090-1234-5678まで。,,NOTICE," + a + ",,false\r\n"
                + "分類が違います。,,GOSSIP," + a + ",,false\r\n";
        PageSession poster = session(world.poster());

        String rejected = awaitFinished(poster, importId(poster.upload("/imports", "/imports",
                Map.of("mode", "ALL_OR_NOTHING"), "bad.csv", csv.getBytes(StandardCharsets.UTF_8))));

        assertThat(rejected).contains("誤りがあるため登録せず").contains("1 件も登録していません");
        assertThat(errorRows(rejected)).containsExactly("3 電話番号", "4 分類「GOSSIP」はありません");
        assertThat(postLinks(rejected)).isEmpty();
        assertThat(postsBy(world.poster())).isZero();

        String partly = awaitFinished(poster, importId(poster.upload("/imports", "/imports",
                Map.of("mode", "VALID_ROWS"), "bad.csv", csv.getBytes(StandardCharsets.UTF_8))));
        assertThat(partly).contains("完了").contains("3 行中 1 件を登録、2 件は誤り");
        assertThat(errorRows(partly)).containsExactly("3 電話番号", "4 分類「GOSSIP」はありません");
        assertThat(postLinks(partly)).hasSize(1);
        assertThat(partly).contains("2 行目の投稿").doesNotContain("3 行目の投稿");
        assertThat(postsBy(world.poster())).isEqualTo(1);
    }

    @Test
    void aFailedImportIsRestartedFromItsPageByItsAuthorOnly() {
        World world = data.world();
        String marker = "失敗させる行 " + TestData.unique();
        String csv = HEADER + marker + ",,NOTICE," + world.lineA().id() + ",,false\r\n"
                + "二行目です。,,NOTICE," + world.lineA().id() + ",,false\r\n";
        PageSession poster = session(world.poster());
        String trigger = "fail_import_page_" + Math.abs(marker.hashCode());
        jdbc.sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin if new.text = '"
                + marker + "' then raise exception 'simulated failure'; end if; return new; end $$").update();
        jdbc.sql("create trigger " + trigger + " before insert on post for each row execute function " + trigger + "()")
                .update();
        long id;
        String failed;
        try {
            id = importId(poster.upload("/imports", "/imports", Map.of("mode", "VALID_ROWS"), "fails.csv",
                    csv.getBytes(StandardCharsets.UTF_8)));
            failed = awaitFinished(poster, id);
        } finally {
            jdbc.sql("drop trigger " + trigger + " on post").update();
            jdbc.sql("drop function " + trigger + "()").update();
        }
        String restart = "/imports/" + id + "/restart";
        assertThat(failed).contains("途中で失敗").contains("simulated failure").contains("action=\"" + restart + "\"");
        PageSession admin = session(world.admin());
        assertThat(admin.page("/imports/" + id)).contains("fails.csv");
        PageSession otherPoster = session(world.pr());
        assertThat(otherPoster.get("/imports/" + id).statusCode()).as("hidden, as if there were none").isEqualTo(404);
        HttpResponse<String> notYours = otherPoster.submit("/imports", restart, "");
        assertThat(notYours.statusCode()).isEqualTo(404);
        HttpResponse<String> readOnly = session(world.auditor()).submit("/imports/" + id, restart, "");
        assertThat(readOnly.statusCode()).as("an auditor reads it, and does not restart it").isEqualTo(403);
        assertThat(readOnly.body()).contains("この操作を行う権限がありません").contains("他の職員の取り込みです");
        assertThat(poster.submitWithoutToken(restart, "").statusCode()).as("no CSRF token").isEqualTo(403);

        HttpResponse<String> restarted = poster.submit("/imports/" + id, restart, "");

        assertThat(restarted.body()).contains("取り込みを再開しました");
        String done = awaitFinished(poster, id);
        assertThat(done).contains("完了").contains("2 行中 2 件を登録");
        assertThat(postLinks(done)).hasSize(2);
        HttpResponse<String> again = poster.submit("/imports/" + id, restart, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(formError(again.body(), "restart")).contains("「完了」の取り込みは再開できません");
    }

    @Test
    void eachBadFileIsAFormErrorAndNothingIsStored() {
        World world = data.world();
        PageSession poster = session(world.poster());
        byte[] good = (HEADER + "投稿です。,,NOTICE," + world.lineA().id() + ",,false\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tooLarge = new byte[5 * 1024 * 1024 + 10];
        Arrays.fill(tooLarge, (byte) 'a');
        Object[][] bad = {
                {"VALID_ROWS", new byte[0], "ファイルが空です"},
                {"VALID_ROWS", "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), "見出し行の列が違います"},
                {"VALID_ROWS", HEADER.getBytes(StandardCharsets.UTF_8), "取り込む行がありません"},
                {"VALID_ROWS", new byte[] {(byte) 0x80, (byte) 0xFF, 0x41}, "テキストファイル（UTF-8 または Shift_JIS）ではありません"},
                {"VALID_ROWS", (HEADER + "\"閉じていない引用").getBytes(StandardCharsets.UTF_8), "CSV として読み取れません"},
                {"VALID_ROWS", tooLarge, "ファイルが大きすぎます（最大 5 MiB）"},
                {"", good, "取り込み方法"},
                {"EVERYTHING", good, "取り込み方法"}};
        for (Object[] c : bad) {
            HttpResponse<String> refused = poster.upload("/imports", "/imports", Map.of("mode", (String) c[0]),
                    "x.csv", (byte[]) c[1]);
            assertThat(refused.statusCode()).as((String) c[2]).isEqualTo(400);
            assertThat(formError(refused.body(), "import")).as((String) c[2]).contains((String) c[2]);
        }
        HttpResponse<String> kept = poster.upload("/imports", "/imports", Map.of("mode", "VALID_ROWS"), "x.csv",
                new byte[0]);
        assertThat(kept.body()).contains("value=\"VALID_ROWS\" checked");
        assertThat(poster.page("/imports")).contains("取り込みはまだありません");

        byte[] farTooLarge = new byte[(int) (6.5 * 1024 * 1024)];
        HttpResponse<String> huge = poster.upload("/imports", "/imports", Map.of("mode", "VALID_ROWS"), "x.csv",
                farTooLarge);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("送信された内容が大きすぎます");
        HttpResponse<String> hugeForm = poster.submit("/notifications", "/notifications",
                "on=" + "a".repeat(1024 * 1024));
        assertThat(hugeForm.statusCode()).as("ordinary forms have the API's 1 MiB bound").isEqualTo(413);
    }

    @Test
    void theSampleDownloadsAsExcelReadsItAndPassesTheFileChecks() {
        World world = data.world();
        PageSession poster = session(world.poster());
        assertThat(poster.page("/imports")).contains("href=\"/imports/sample.csv\"");

        HttpResponse<byte[]> sample = poster.download("/imports/sample.csv");

        assertThat(sample.statusCode()).isEqualTo(200);
        assertThat(sample.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(sample.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment").contains("import-sample.csv");
        byte[] bytes = sample.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .startsWith("text,links,category,account_ids,scheduled_at,submit");
        HttpResponse<String> accepted = poster.upload("/imports", "/imports", Map.of("mode", "ALL_OR_NOTHING"),
                "import-sample.csv", bytes);
        assertThat(accepted.statusCode()).as("the sample passes the file checks").isEqualTo(200);
        assertThat(awaitFinished(poster, importId(accepted))).contains("UTF-8");
    }

    @Test
    void onlyPostersUploadOthersOutsideTheImportsGet403AndUploadsNeedTheirCsrfToken() {
        World world = data.world();
        PageSession approver = session(world.approver());
        assertThat(approver.get("/imports").statusCode()).isEqualTo(403);
        assertThat(approver.get("/imports/sample.csv").statusCode()).isEqualTo(403);
        assertThat(approver.page("/")).doesNotContain("href=\"/imports\"");
        byte[] good = (HEADER + "投稿です。,,NOTICE," + world.lineA().id() + ",,false\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(approver.upload("/", "/imports", Map.of("mode", "VALID_ROWS"), "x.csv", good).statusCode())
                .isEqualTo(403);

        PageSession auditor = session(world.auditor());
        String readOnly = auditor.page("/imports");
        assertThat(readOnly).contains("取り込みは投稿者・広報担当が行います").doesNotContain("enctype=\"multipart/form-data\"");
        HttpResponse<String> refused = auditor.upload("/imports", "/imports", Map.of("mode", "VALID_ROWS"), "x.csv",
                good);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("この操作を行う権限がありません").contains("投稿者または広報担当の権限が必要です");

        PageSession poster = session(world.poster());
        assertThat(poster.uploadWithoutToken("/imports", Map.of("mode", "VALID_ROWS"), "x.csv", good).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(postsBy(world.poster())).isZero();
        assertThat(poster.get("/imports/999999999").statusCode()).isEqualTo(404);
        assertThat(poster.get("/imports/abc").statusCode()).isEqualTo(400);
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }

    private static long importId(HttpResponse<String> response) {
        Matcher m = IMPORT_PAGE.matcher(response.uri().getPath());
        assertThat(m.matches()).as("redirected to the import's page: " + response.uri()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The import's page once its job has finished (completed, rejected or failed). */
    private static String awaitFinished(PageSession session, long id) {
        String[] page = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            page[0] = session.page("/imports/" + id);
            return !page[0].contains("hx-trigger=\"every 2s\"");
        });
        return page[0];
    }

    private static List<String> postLinks(String html) {
        List<String> ids = new ArrayList<>();
        int list = html.indexOf("id=\"import-posts\"");
        if (list < 0) {
            return ids;
        }
        Matcher m = Pattern.compile("href=\"/posts/([0-9a-f-]{36})\"").matcher(html.substring(list));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** "line message-start" per row of the error table, the message cut to what the test names. */
    private static List<String> errorRows(String html) {
        List<String> rows = new ArrayList<>();
        int table = html.indexOf("id=\"row-errors\"");
        assertThat(table).as("the page lists the rejected lines").isPositive();
        Matcher m = Pattern.compile("<td>(\\d+)</td>\\s*<td>([^<]*)</td>")
                .matcher(html.substring(table, html.indexOf("</table>", table)));
        while (m.find()) {
            String message = m.group(2);
            rows.add(m.group(1) + " " + (message.contains("電話番号") ? "電話番号"
                    : message.substring(0, Math.min(message.length(), message.indexOf("はありません") + 6))));
        }
        return rows;
    }

    private int postsBy(String username) {
        return jdbc.sql("select count(*) from post p join staff s on s.id = p.author_id where s.username = :u")
                .param("u", username).query(Integer.class).single();
    }

    private String japanTime(Duration fromNow) {
        return LocalDateTime.ofInstant(clock.instant().plus(fromNow), PagesController.CITY_TIME)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }
}
