package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.login.Totp;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SendLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.testing.TestData;

class PagesIntegrationTest extends IntegrationTest {

    @Autowired
    AccountWorkflow accountWorkflow;

    @Autowired
    OfficialAccounts officialAccounts;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Pauses pauses;

    @Autowired
    PostWorkflow workflow;

    @Test
    void heldDeliveriesGetANewTimeFromWhoMayApprove() throws Exception {
        World world = data.world();
        java.time.Instant at = clock.instant().plusSeconds(60);
        Post post = data.approvedPost(world, "保留になる投稿 " + TestData.unique(), at, world.lineA());
        pauses.pause(world.admin(), world.lineA().id(), "テストのための停止");
        try {
            clock.set(at.plusSeconds(120));
            dispatcher.drain();
        } finally {
            pauses.resume(world.admin(), world.lineA().id());
        }
        Delivery held = workflow.get(post.id()).deliveries().getFirst();
        assertThat(held.status()).isEqualTo(DeliveryStatus.HELD);
        String path = "/posts/" + post.id().value() + "/reschedule";
        String later = java.time.LocalDateTime.ofInstant(clock.instant().plusSeconds(7200), PagesController.CITY_TIME)
                .withSecond(0).withNano(0).toString();

        HttpClient poster = login(world.poster());
        assertThat(page(poster, "/posts")).contains("delivery-held").doesNotContain(path);
        assertThat(send(poster, "/posts", path, "back=/posts&scheduledAt=" + later).body())
                .contains("新しい日時を設定できるのは");
        HttpClient approver = login(world.approver());
        assertThat(page(approver, "/")).contains(path).contains("type=\"datetime-local\"");
        assertThat(approver.send(form(path, "scheduledAt=" + later), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(send(approver, "/", path, "scheduledAt=tomorrow").body()).contains("日時の形式が正しくありません");
        assertThat(send(approver, "/", path, "scheduledAt=" + later).body()).contains("新しい日時で予約しました");
        assertThat(workflow.get(post.id()).deliveries().getFirst().status()).isEqualTo(DeliveryStatus.SCHEDULED);
    }

    @Test
    void uncertainDeliveriesAreSettledByAdminOrPrAndSentOnesDeletedOnThePlatform() throws Exception {
        World world = data.world();
        Delivery delivery = data.approvedPost(world, "結果不明 " + TestData.unique(), null, world.lineA()).deliveries()
                .getFirst();
        ClaimedDelivery claimed = deliveries.claim(clock.instant(), 1000, "crashed", java.time.Duration.ofMinutes(2))
                .stream().filter(c -> c.id().equals(delivery.id())).findFirst().orElseThrow();
        deliveries.uncertain(claimed, "crashed", "read timed out after the request was sent", clock.instant());
        String resolve = "/deliveries/" + delivery.id() + "/resolve";
        String found = "outcome=found&reference=" + enc("https://line.me/x/1") + "&reason=" + enc("管理画面で確認");

        HttpClient poster = login(world.poster());
        assertThat(page(poster, "/")).doesNotContain(resolve);
        assertThat(send(poster, "/", resolve, found).body()).contains("管理者または広報担当の権限が必要です");
        HttpClient pr = login(world.pr());
        assertThat(page(pr, "/")).contains(resolve);
        assertThat(pr.send(form(resolve, found), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(send(pr, "/", resolve, "outcome=found&reason=x").body()).contains("投稿ID またはURLを入力してください");
        assertThat(send(pr, "/", resolve, found).body()).contains("送信結果を確定しました");
        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SENT);

        Post tweet = data.approvedPost(world, "削除する投稿 " + TestData.unique(), null, world.x());
        dispatcher.drain();
        Delivery sent = workflow.get(tweet.id()).deliveries().getFirst();
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        String delete = "/deliveries/" + sent.id() + "/delete";
        HttpClient admin = login(world.admin());
        assertThat(page(admin, "/")).contains(delete);
        assertThat(send(poster, "/", delete, "reason=x").body()).contains("送信済み投稿の削除には");
        assertThat(admin.send(form(delete, "reason=x"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(send(admin, "/", delete, "reason=").body()).contains("理由を入力してください");
        assertThat(send(admin, "/", delete, "reason=" + enc("日付の誤り")).body()).contains("媒体上の投稿を削除しました");
    }

    @Test
    void anAdminLetsAnApprovedEmergencyPostOutDuringAPause() throws Exception {
        World world = data.world();
        Post emergency = data.approved(world, NewPost.of("【避難指示】江津市全域に避難指示を発令しました", java.util.List.of(),
                PostCategory.EMERGENCY, java.util.List.of(world.lineA2().id()), null));
        String path = "/posts/" + emergency.id().value() + "/emergency-override";
        pauses.pause(world.admin(), world.lineA2().id(), "災害対応");
        try {
            dispatcher.drain();
            assertThat(workflow.get(emergency.id()).deliveries().getFirst().status())
                    .as("waits while its account is paused").isEqualTo(DeliveryStatus.SCHEDULED);
            HttpClient pr = login(world.pr());
            assertThat(page(pr, "/")).doesNotContain(path);
            assertThat(send(pr, "/", path, "reason=x").body()).contains("停止中の緊急送信は管理者だけが行えます");
            HttpClient admin = login(world.admin());
            assertThat(page(admin, "/")).contains(path);
            assertThat(admin.send(form(path, "reason=x"), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("no CSRF token").isEqualTo(403);
            assertThat(send(admin, "/", path, "reason=" + enc("避難情報は停止中でも送る")).body())
                    .contains("緊急の投稿の送信を許可しました");
            dispatcher.drain();
            assertThat(workflow.get(emergency.id()).deliveries().getFirst().status()).isEqualTo(DeliveryStatus.SENT);
        } finally {
            pauses.resume(world.admin(), world.lineA2().id());
        }
    }

    private DeliveryStatus status(Delivery delivery) {
        return sendLog.list(null, delivery.accountId(), 1000).stream().filter(d -> d.id().equals(delivery.id()))
                .findFirst().orElseThrow().status();
    }

    @Test
    void accountReviewsGoToTheDepartmentHeadThenToPrAndRefuseEveryoneElse() throws Exception {
        World world = data.world();
        String name = "審査 LINE " + TestData.unique();
        OfficialAccount account = accountWorkflow.draft(world.poster(), Platform.LINE, world.departmentA().id(),
                new PolicyDraft(name, "https://line.me/R/ti/p/@" + Math.abs(name.hashCode()), "観光情報の発信",
                        world.approver(), java.util.List.of(world.poster()), true, ReplyPolicy.NO_REPLIES,
                        "正確な情報を発信します", "丁寧な表現", "コメントには返信しません"));
        accountWorkflow.submit(world.poster(), account.id());
        String approve = "/accounts/" + account.id() + "/review/approve";
        String reject = "/accounts/" + account.id() + "/review/reject";

        HttpClient other = login(world.approverB());
        assertThat(page(other, "/accounts/reviews")).doesNotContain(name);
        page(other, "/accounts/reviews?lang=en");
        HttpResponse<String> otherHead = send(other, "/accounts/reviews", approve, "comment=x");
        assertThat(otherHead.statusCode()).as("a refusal of the person is a 403 page, not a message after a redirect")
                .isEqualTo(403);
        assertThat(otherHead.body()).contains("lang=\"en\"").contains("You are not allowed to do this.")
                .contains("Only the head of the department that owns the account decides this step.");
        HttpClient poster = login(world.poster());
        HttpResponse<String> notAHead = send(poster, "/posts", approve, "comment=x");
        assertThat(notAHead.statusCode()).isEqualTo(403);
        assertThat(notAHead.body()).contains("lang=\"ja\"").contains("この操作を行う権限がありません。")
                .contains("この手続きには所属長（承認者）の権限が必要です。");
        assertThat(officialAccounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);

        HttpClient head = login(world.approver());
        String reviews = page(head, "/accounts/reviews");
        assertThat(reviews).contains(name).contains("正確な情報を発信します").contains("丁寧な表現")
                .contains("コメントには返信しません");
        assertThat(head.send(form(approve, "comment=ok"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(send(head, "/accounts/reviews", reject, "comment=").body()).contains("差し戻しには理由のコメントが必要です");
        assertThat(officialAccounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);
        assertThat(send(head, "/accounts/reviews", approve, "comment=" + enc("承認します")).body())
                .contains("承認しました");
        assertThat(officialAccounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING_PR);

        assertThat(page(head, "/accounts/reviews")).doesNotContain(name);
        HttpClient pr = login(world.pr());
        assertThat(page(pr, "/accounts/reviews")).contains(name);
        assertThat(send(pr, "/accounts/reviews", reject, "comment=" + enc("目的をもっと具体的に")).body())
                .contains("差し戻しました");
        assertThat(officialAccounts.get(account.id()).status()).isEqualTo(AccountStatus.DRAFT);
    }

    @Test
    void adminTestsConnectionsAndReplacesCredentialsWriteOnly() throws Exception {
        World world = data.world();
        String credentials = "/admin/accounts/" + world.x().id() + "/credentials";
        String test = "/admin/accounts/" + world.x().id() + "/test-connection";
        String secret = "s3cret-" + TestData.unique();
        String values = "consumerKey=" + secret + "a&consumerSecret=" + secret + "b&accessToken=" + secret
                + "c&accessTokenSecret=" + secret + "d";

        HttpClient admin = login(world.admin());
        String page = page(admin, "/admin/accounts");
        assertThat(page).contains("/admin/accounts/" + world.x().id() + "/credentials")
                .contains("name=\"consumerKey\"").contains("name=\"accessTokenSecret\"")
                .contains("name=\"channelAccessToken\"").contains("name=\"pageAccessToken\"")
                .contains("name=\"igUserId\"").contains("type=\"password\" autocomplete=\"off\"");
        assertThat(admin.send(form(credentials, values), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(send(admin, "/admin/accounts", credentials, "consumerKey=x").body())
                .contains("認証情報の値を入力してください");
        HttpResponse<String> replaced = send(admin, "/admin/accounts", credentials, values);
        assertThat(replaced.body()).contains("認証情報を置き換えました").doesNotContain(secret);
        assertThat(page(admin, "/admin/accounts")).doesNotContain(secret);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=ACCOUNT&subjectId=" + world.x().id()).body())
                .contains("ACCOUNT_CREDENTIALS_REPLACED").contains("accessTokenSecret").doesNotContain(secret);

        HttpClient pr = login(world.pr());
        String prPage = page(pr, "/admin/accounts");
        assertThat(prPage).doesNotContain("name=\"consumerKey\"").contains(test);
        assertThat(send(pr, "/admin/accounts", credentials, values).body()).contains("class=\"error\"")
                .doesNotContain(secret);
        assertThat(pr.send(form(test, ""), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpResponse<String> tested = send(pr, "/admin/accounts", "/admin/accounts/" + world.lineA().id()
                + "/test-connection", "");
        assertThat(tested.body()).contains("接続テストを記録しました").contains("接続テスト）");
        HttpClient poster = login(world.poster());
        assertThat(poster.send(form(test, ""), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    /** GETs a page and returns its body, asserting it rendered. */
    private String page(HttpClient browser, String path) throws Exception {
        HttpResponse<String> response = browser.send(get(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /**
     * Posts a form with the CSRF token of {@code formPage} and follows the redirect, if any: the page that shows the
     * outcome (or the rendered form with its error).
     */
    private HttpResponse<String> send(HttpClient browser, String formPage, String path, String body)
            throws Exception {
        String token = csrf(page(browser, formPage));
        HttpResponse<String> response = browser.send(form(path, body + "&_csrf=" + enc(token)),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 302) {
            String location = response.headers().firstValue("Location").orElseThrow();
            return browser.send(get(URI.create(location).getPath()), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    @Test
    void healthIsPublicAndUp() {
        var health = anonymous().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void apiIsDocumentedForAuthenticatedCallers() {
        World world = data.world();

        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(401);
        var docs = api(world.auditor()).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/posts/{id}/approve")).isTrue();
    }

    @Test
    void pagesNeedLoginAndSpeakJapaneseByDefault() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> home = browser.send(get("/"), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> login = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("ログイン").contains("lang=\"ja\"");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");

        HttpResponse<String> english = browser.send(get("/login?lang=en"), HttpResponse.BodyHandlers.ofString());
        assertThat(english.body()).contains("Log in");
    }

    @Test
    void formsRefuseRequestsWithoutTheCsrfToken() throws Exception {
        World world = data.world();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String token = csrf(browser.send(get("/login"), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> loggedIn = browser.send(form("/login", "username=" + world.poster() + "&password="
                + TestData.PASSWORD + "&_csrf=" + enc(token)), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> home = browser.send(get("/"), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("投稿を作成");

        HttpResponse<String> forged = browser.send(form("/posts", "text=x&category=NOTICE&accountIds="
                + world.lineA().id()), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> real = browser.send(form("/posts", "text=" + enc("<script>alert(1)</script>")
                + "&category=NOTICE&accountIds=" + world.lineA().id() + "&_csrf=" + enc(csrf(home.body()))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(real.statusCode()).isEqualTo(302);
        String after = browser.send(get("/posts"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(after).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void everyPageRendersForItsRolesAndRefusesOthers() throws Exception {
        World world = data.world();
        data.approvedPost(world, "予定の投稿 " + TestData.unique(), clock.instant().plusSeconds(3600), world.lineA());
        HttpClient poster = login(world.poster());
        for (String page : new String[] {"/", "/compose", "/posts"}) {
            HttpResponse<String> response = poster.send(get(page), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).contains("/js/app.js").contains("name=\"_csrf\"");
        }
        assertThat(poster.send(get("/audit"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(poster.send(get("/admin/accounts"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
        assertThat(poster.send(get("/press-release"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);

        HttpClient approver = login(world.approver());
        assertThat(approver.send(get("/inbox"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpClient auditor = login(world.auditor());
        HttpResponse<String> audit = auditor.send(get("/audit?actor=" + world.approver() + "&verify=true"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("POST_APPROVED");
        HttpResponse<String> csv = auditor.send(get("/audit/export.csv?actor=" + world.approver()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains("POST_APPROVED");
        assertThat(auditor.send(get("/audit/send-log.csv?from=2020-01-01"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        assertThat(auditor.send(get("/audit/export.csv?from=yesterday"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(400);

        HttpClient admin = login(world.admin());
        assertThat(admin.send(get("/admin/accounts"), HttpResponse.BodyHandlers.ofString()).body())
                .contains(world.lineA().name());
        assertThat(admin.send(get("/admin/pause?accountId=" + world.lineA().id()), HttpResponse.BodyHandlers.ofString())
                .body()).contains(world.lineA().name()).contains("name=\"reason\"");
        HttpClient pr = login(world.pr());
        assertThat(pr.send(get("/press-release?sourceUrl=" + enc("https://www.city.gotsu.lg.jp/press/1.html")),
                HttpResponse.BodyHandlers.ofString()).body()).contains("https://www.city.gotsu.lg.jp/press/1.html");
        HttpResponse<String> foreign = pr.send(get("/press-release?sourceUrl=" + enc("https://example.com/x")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(422);
        assertThat(foreign.body()).contains("公式ドメイン");
    }

    @Test
    void theAsYouTypeCheckAndBadInputAreFormErrorsNotServerErrors() throws Exception {
        World world = data.world();
        HttpClient poster = login(world.poster());
        String token = csrf(poster.send(get("/compose"), HttpResponse.BodyHandlers.ofString()).body());

        HttpResponse<String> check = poster.send(form("/compose/check", "text=" + enc("電話は 090-1234-5678 まで")
                + "&category=NOTICE&accountIds=" + world.x().id() + "&_csrf=" + enc(token)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("電話番号").contains("090-1234-5678")
                .contains("X（旧Twitter）: ").doesNotContain("<html");

        String[] bad = {"text=x&category=NOPE&accountIds=" + world.lineA().id(),
                "text=x&category=NOTICE&accountIds=abc",
                "text=x&category=NOTICE&accountIds=" + world.lineA().id() + "&timing=at&scheduledAt=tomorrow",
                "text=x&category=NOTICE&accountIds=" + world.lineA().id() + "&timing=at&scheduledAt=",
                "text=&category=NOTICE&accountIds=" + world.lineA().id(),
                "text=x&category=NOTICE&accountIds=" + world.lineB().id(),
                "text=x&category=NOTICE&links=" + enc("ftp://x y") + "&accountIds=" + world.lineA().id(),
                "text=" + enc("090-1234-5678") + "&category=NOTICE&action=submit&accountIds=" + world.lineA().id()};
        for (String body : bad) {
            HttpResponse<String> response = poster.send(form("/posts", body + "&_csrf=" + enc(token)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(body).isBetween(400, 499);
            assertThat(response.body()).as(body).contains("class=\"error\"");
        }
        HttpResponse<String> unknown = poster.send(get("/posts/not-a-uuid/edit"), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        HttpResponse<String> missing = poster.send(get("/posts/" + java.util.UUID.randomUUID() + "/edit"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    /** Findings that do not depend on a target show from the first keystroke, before any account is ticked. */
    @Test
    void theAsYouTypeCheckRunsBeforeAnAccountIsTicked() throws Exception {
        World world = data.world();
        HttpClient poster = login(world.poster());
        String token = csrf(poster.send(get("/compose"), HttpResponse.BodyHandlers.ofString()).body());

        HttpResponse<String> check = poster.send(form("/compose/check", "text="
                + enc("電話は 090-1234-5678 まで。詳しくは https://bit.ly/abc ○○地区 12月20日（土）") + "&category=NOTICE"
                + "&_csrf=" + enc(token)), HttpResponse.BodyHandlers.ofString());

        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("電話番号").contains("090-1234-5678").contains("bit.ly")
                .doesNotContain("<html");
        assertThat(check.body()).as("no hint to tick an account first").doesNotContain("投稿先アカウントを 1 つ以上選んでください");
    }

    private HttpClient login(String username) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String token = csrf(browser.send(get("/login"), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> loggedIn = browser.send(form("/login", "username=" + username + "&password="
                + TestData.PASSWORD + "&_csrf=" + enc(token)), HttpResponse.BodyHandlers.ofString());
        String next = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(next).doesNotContain("error");
        if (next.endsWith("/login/totp/enrol")) {
            // an ADMIN sets up the second factor before any page, with the code an authenticator app would show
            String page = browser.send(get("/login/totp/enrol"), HttpResponse.BodyHandlers.ofString()).body();
            String code = Totp.code(PageSession.secretOn(page), clock.instant());
            HttpResponse<String> enrolled = browser.send(form("/login/totp/enrol", "code=" + code + "&_csrf="
                    + enc(csrf(page))), HttpResponse.BodyHandlers.ofString());
            assertThat(enrolled.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
        }
        return browser;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html")
                .GET().build();
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page carries a CSRF token").isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
