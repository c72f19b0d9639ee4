package org.kohogateway.gateway.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kohogateway.gateway.api.Problems.assertProblem;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.security.ApiTokens;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bulk import of posts from CSV over the API: encodings, bad rows in both modes, restart after a failure, bad files. */
class ImportIntegrationTest extends IntegrationTest {

    static final String HEADER = "text,links,category,account_ids,scheduled_at,submit\r\n";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    PostWorkflow workflow;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiTokens apiTokens;

    @Autowired
    StaffDirectory staff;

    @Test
    void importsAShiftJisFileAsDraftsAndSubmitsTheRowsThatSaySo() {
        World world = data.world();
        long account = world.lineA().id();
        String csv = HEADER
                + "江津市の秋祭りは11月30日（日）に開催します。,https://www.city.gotsu.lg.jp/,EVENT," + account + ","
                + japanTime(Duration.ofDays(3)) + ",true\r\n"
                + "図書館は年末年始に休館します。～ご注意ください～,,NOTICE," + account + ",,false\r\n";

        JsonNode done = importAndWait(world.poster(), csv.getBytes(Charset.forName("windows-31j")), "VALID_ROWS");

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("charset").asString()).isEqualTo("windows-31j");
        assertThat(done.get("imported").asInt()).isEqualTo(2);
        List<String> ids = ids(done.get("postIds"));
        var first = workflow.get(new PostId(UUID.fromString(ids.get(0))));
        var second = workflow.get(new PostId(UUID.fromString(ids.get(1))));
        assertThat(first.status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(first.content().text()).isEqualTo("江津市の秋祭りは11月30日（日）に開催します。");
        assertThat(first.scheduledAt()).isNotNull();
        assertThat(second.status()).isEqualTo(PostStatus.DRAFT);
        assertThat(second.content().text()).isEqualTo("図書館は年末年始に休館します。～ご注意ください～");
        assertThat(second.scheduledAt()).isNull();
    }

    @Test
    void readsUtf8WithAByteOrderMarkAndQuotedMultiLineText() {
        World world = data.world();
        String csv = HEADER + "\"ごみ収集日のお知らせ\r\n年末年始は変わります。\",,NOTICE," + world.lineA().id() + ",,false\r\n"
                + "二行目の投稿です。,,NOTICE,not-a-number,,false\r\n";
        byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, csv.getBytes(StandardCharsets.UTF_8));

        JsonNode done = importAndWait(world.poster(), bytes, "VALID_ROWS");

        assertThat(done.get("charset").asString()).isEqualTo("UTF-8");
        assertThat(done.get("imported").asInt()).isEqualTo(1);
        var post = workflow.get(new PostId(UUID.fromString(ids(done.get("postIds")).getFirst())));
        assertThat(post.content().text()).isEqualTo("ごみ収集日のお知らせ\r\n年末年始は変わります。");
        // the bad row starts on line 4: the quoted text spans lines 2 and 3
        assertThat(done.get("errors").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(done.get("errors").get(0).get("code").asString()).isEqualTo("import.row.badAccountId");
    }

    @Test
    void validRowsModeImportsTheGoodRowsAndReportsEachBadRowWithItsLine() {
        World world = data.world();
        long a = world.lineA().id();
        String csv = HEADER
                + "良い投稿です。,,NOTICE," + a + ",,false\r\n"                                    // 2 ok
                + "分類が違います。,,GOSSIP," + a + ",,false\r\n"                                  // 3 bad category
                + "短縮URLです。,https://bit.ly/abc,NOTICE," + a + ",,true\r\n"                   // 4 blocking rule
                + "他の課のアカウントです。,,NOTICE," + world.lineB().id() + ",,false\r\n"          // 5 not permitted
                + "過去の日時です。,,NOTICE," + a + ",2020-01-01 09:00,false\r\n"                   // 6 in the past
                + "列が足りません。,,NOTICE\r\n"                                                     // 7 columns
                + "もう一つの良い投稿です。,,EVENT," + a + "," + japanTime(Duration.ofDays(1)) + ",true\r\n"; // 8 ok

        JsonNode done = importAndWait(world.poster(), csv.getBytes(StandardCharsets.UTF_8), "VALID_ROWS");

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("rows").asInt()).isEqualTo(7);
        assertThat(done.get("imported").asInt()).isEqualTo(2);
        assertThat(done.get("rejected").asInt()).isEqualTo(5);
        List<String> lineAndCode = new ArrayList<>();
        done.get("errors").forEach(e -> lineAndCode.add(e.get("line").asInt() + " " + e.get("code").asString()));
        assertThat(lineAndCode).containsExactly("3 import.row.badCategory", "4 rule.URL_SHORTENER",
                "5 post.accountNotYours", "6 post.scheduledInPast", "7 import.row.columnCount");
        assertThat(done.get("errors").get(0).get("message").asString()).contains("GOSSIP");
    }

    @Test
    void allOrNothingModeImportsNothingWhenARowIsBad() {
        World world = data.world();
        long a = world.lineA().id();
        String csv = HEADER + "良い投稿です。,,NOTICE," + a + ",,false\r\n"
                + "電話は090-1234-5678まで。,,NOTICE," + a + ",,false\r\n"
                + "これも良い投稿です。,,NOTICE," + a + ",,true\r\n";

        JsonNode done = importAndWait(world.poster(), csv.getBytes(StandardCharsets.UTF_8), "ALL_OR_NOTHING");

        assertThat(done.get("status").asString()).isEqualTo("REJECTED");
        assertThat(done.get("imported").asInt()).isZero();
        assertThat(done.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(done.get("errors").get(0).get("code").asString()).isEqualTo("rule.PHONE_NUMBER");
        assertThat(postsBy(world.poster())).isZero();
    }

    @Test
    void allOrNothingModeImportsEveryRowWhenAllAreGood() {
        World world = data.world();
        String csv = HEADER + "一つ目です。,,NOTICE," + world.lineA().id() + ",,false\r\n"
                + "二つ目です。,,NOTICE," + world.lineA().id() + " " + world.lineA2().id() + ",,true\r\n";

        JsonNode done = importAndWait(world.poster(), csv.getBytes(StandardCharsets.UTF_8), "ALL_OR_NOTHING");

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("imported").asInt()).isEqualTo(2);
        assertThat(done.get("errors")).isEmpty();
    }

    @Test
    void allOrNothingModeImportsNothingWhenARowOnlyCreatingThePostWouldRefuse() {
        World world = data.world();
        String csv = HEADER + "良い投稿です。,,NOTICE," + world.lineA().id() + ",,false\r\n"
                + "承認の経路が違う二つのアカウントへ。,,NOTICE," + world.lineA().id() + " " + world.lineAFree().id()
                + ",,false\r\n";

        JsonNode done = importAndWait(world.poster(), csv.getBytes(StandardCharsets.UTF_8), "ALL_OR_NOTHING");

        assertThat(done.get("status").asString()).isEqualTo("REJECTED");
        assertThat(done.get("imported").asInt()).isZero();
        assertThat(done.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(done.get("errors").get(0).get("code").asString()).isEqualTo("post.mixedRoutes");
        assertThat(postsBy(world.poster())).isZero();
    }

    @Test
    void everySubmittedRowIsAuditedAsTheImporterAndTellsItsApprovers() {
        World world = data.world();
        staff.changeEmail(world.approver(), world.approver() + "@city.example.jp");
        long approver = staff.byUsername(world.approver()).id();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 3; i++) {
            csv.append("承認を待つ一括登録 ").append(i).append(",,NOTICE,").append(world.lineA().id()).append(",,true\r\n");
        }

        JsonNode done = importAndWait(world.poster(), csv.toString().getBytes(StandardCharsets.UTF_8), "VALID_ROWS");

        List<String> posts = ids(done.get("postIds"));
        assertThat(posts).hasSize(3);
        for (String post : posts) {
            assertThat(jdbc.sql("select action from audit_entry where subject_id = :id and actor = :actor order by id")
                    .param("id", post).param("actor", world.poster()).query(String.class).list())
                    .containsExactly("POST_CREATED", "POST_SUBMITTED");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql("""
                    select count(*) from notification
                    where kind = 'APPROVAL_WAITING' and staff_id = :approver and body like :post
                    """).param("approver", approver).param("post", "%" + post + "%").query(Integer.class).single())
                    .as("the approver is told of post " + post).isEqualTo(1));
        }
    }

    @Test
    void aFailedImportRestartsWhereItStoppedAndImportsNoLineTwice() {
        World world = data.world();
        String marker = "失敗させる行 " + TestData.unique();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 250; i++) {
            String text = i == 180 ? marker : "一括登録の投稿 " + i + " です。";
            csv.append(text).append(",,NOTICE,").append(world.lineA().id()).append(",,false\r\n");
        }
        // the database refuses line 181's post (the 180th row) until the trigger is dropped: a failure mid-file, in
        // the last of the three parts the 250 rows are split into (rows 167-250, one chunk), which commits nothing
        // while the other two parts complete
        String trigger = "fail_import_" + Math.abs(marker.hashCode());
        jdbc.sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin if new.text = '"
                + marker + "' then raise exception 'simulated failure'; end if; return new; end $$").update();
        jdbc.sql("create trigger " + trigger + " before insert on post for each row execute function " + trigger + "()")
                .update();
        JsonNode failed;
        try {
            failed = importAndWait(world.poster(), csv.toString().getBytes(StandardCharsets.UTF_8), "VALID_ROWS");
        } finally {
            jdbc.sql("drop trigger " + trigger + " on post").update();
            jdbc.sql("drop function " + trigger + "()").update();
        }
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("message").asString()).contains("simulated failure");
        assertThat(failed.get("imported").asInt()).isEqualTo(166);
        assertThat(postsBy(world.poster())).isEqualTo(166);

        long id = failed.get("id").asLong();
        var restarted = api(world.poster()).post("/api/imports/" + id + "/restart", null);
        assertThat(restarted.status()).isEqualTo(202);
        JsonNode done = awaitFinished(world.poster(), id);

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("imported").asInt()).isEqualTo(250);
        assertThat(new HashSet<>(ids(done.get("postIds")))).hasSize(250);
        assertThat(postsBy(world.poster())).isEqualTo(250);
        assertThat(jdbc.sql("select count(distinct text) from post p join staff s on s.id = p.author_id where s.username = :u")
                .param("u", world.poster()).query(Integer.class).single()).isEqualTo(250);
    }

    @Test
    void aCompletedImportCannotBeRestarted() {
        World world = data.world();
        JsonNode done = importAndWait(world.poster(),
                (HEADER + "投稿です。,,NOTICE," + world.lineA().id() + ",,false\r\n").getBytes(StandardCharsets.UTF_8),
                "VALID_ROWS");
        var refused = api(world.poster()).post("/api/imports/" + done.get("id").asLong() + "/restart", null);
        assertThat(refused.status()).isEqualTo(409);
    }

    @Test
    void importsAreVisibleToTheirAuthorAuditorsAndAdminsOnly() {
        World world = data.world();
        JsonNode done = importAndWait(world.poster(),
                (HEADER + "投稿です。,,NOTICE," + world.lineA().id() + ",,false\r\n").getBytes(StandardCharsets.UTF_8),
                "VALID_ROWS");
        long id = done.get("id").asLong();
        // hidden, as a post one may not read: 404, not a 403 that tells the import exists
        assertProblem(api(world.approver()).get("/api/imports/" + id), 404);
        assertProblem(api(world.pr()).get("/api/imports/" + id), 404);
        assertProblem(api(world.pr()).post("/api/imports/" + id + "/restart", null), 404);
        assertRefusal(api(world.auditor()).post("/api/imports/" + id + "/restart", null), 403, "import.notYours");
        assertThat(api(world.auditor()).get("/api/imports/" + id).status()).isEqualTo(200);
        assertThat(api(world.poster()).get("/api/imports").json().get(0).get("id").asLong()).isEqualTo(id);
        assertThat(api(world.approver()).get("/api/imports").json()).isEmpty();
    }

    // --- bad files: 400 problems, nothing stored ---

    @Test
    void refusesAnEmptyFile() {
        assertRefused(new byte[0], "import.empty");
    }

    @Test
    void refusesAFileOver5MiB() {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertRefused(big, "import.tooLarge");
    }

    @Test
    void refusesAFileWithTheWrongColumns() {
        assertRefused("title,body\r\nこんにちは,本文\r\n".getBytes(StandardCharsets.UTF_8), "import.wrongColumns");
    }

    @Test
    void refusesAFileThatIsNotText() {
        byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        assertRefused(png, "import.notText");
    }

    @Test
    void refusesAFileThatIsNotCsv() {
        assertRefused((HEADER + "\"閉じていない引用符,,NOTICE,1,,false\r\n").getBytes(StandardCharsets.UTF_8),
                "import.notCsv");
    }

    @Test
    void refusesAHeaderWithoutRows() {
        assertRefused(HEADER.getBytes(StandardCharsets.UTF_8), "import.noRows");
    }

    @Test
    void refusesAnUploadWithoutAFile() {
        World world = data.world();
        var response = api(world.poster()).send("POST", "/api/imports", "{}", "application/json", null);
        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.contentType()).contains("problem+json");
    }

    @Test
    void refusesAnUnknownMode() {
        World world = data.world();
        var response = upload(world.poster(), "x".getBytes(StandardCharsets.UTF_8), "SOMETIMES");
        assertThat(response.statusCode()).isEqualTo(400);
    }

    private void assertRefused(byte[] file, String code) {
        World world = data.world();
        HttpResponse<String> response = upload(world.poster(), file, "VALID_ROWS");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
        assertThat(api(world.poster()).get("/api/imports").json()).isEmpty();
    }

    // --- helpers ---

    @Test
    void anImportThroughATokenRunsInTheBackgroundAsThatTokenAndItsEntriesNameIt() {
        World world = data.world();
        var token = apiTokens.issue(world.poster(), new ApiTokens.NewToken("CMS 一括", null, Set.of(Role.POSTER), null,
                clock.instant().plus(Duration.ofDays(1)), false), false);
        String csv = HEADER + "トークンで一括登録。,,NOTICE," + world.lineA().id() + ",,true\r\n";

        HttpResponse<String> response = uploadWith("Bearer " + token.secret(), csv.getBytes(StandardCharsets.UTF_8),
                "VALID_ROWS");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode done = awaitFinished(world.poster(), JSON.readTree(response.body()).get("id").asLong());

        String postId = ids(done.get("postIds")).get(0);
        assertThat(jdbc.sql("select detail ->> 'token' from audit_entry where subject_id = :id and actor = :actor")
                .param("id", postId).param("actor", world.poster()).query(String.class).list())
                .isNotEmpty().containsOnly(Long.toString(token.token().id()));
    }

    JsonNode importAndWait(String username, byte[] file, String mode) {
        HttpResponse<String> response = upload(username, file, mode);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return awaitFinished(username, JSON.readTree(response.body()).get("id").asLong());
    }

    JsonNode awaitFinished(String username, long id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = api(username).get("/api/imports/" + id).json();
            return List.of("COMPLETED", "REJECTED", "FAILED").contains(last[0].get("status").asString());
        });
        return last[0];
    }

    HttpResponse<String> upload(String username, byte[] file, String mode) {
        return uploadWith("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)), file, mode);
    }

    HttpResponse<String> uploadWith(String authorization, byte[] file, String mode) {
        String boundary = "----koho" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"posts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports?mode=" + mode))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int postsBy(String username) {
        return jdbc.sql("select count(*) from post p join staff s on s.id = p.author_id where s.username = :u")
                .param("u", username).query(Integer.class).single();
    }

    private String japanTime(Duration fromNow) {
        return LocalDateTime.ofInstant(clock.instant().plus(fromNow), RowCheck.JAPAN)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asString()));
        return ids;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
