package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;

import java.net.http.HttpResponse;

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

        PageSession poster = login(world.poster());
        assertThat(poster.page("/posts")).contains("delivery-held").doesNotContain(path);
        assertThat(poster.submit("/posts", path, "back=/posts&scheduledAt=" + later).body())
                .contains("新しい日時を設定できるのは");
        PageSession approver = login(world.approver());
        assertThat(approver.page("/")).contains(path).contains("type=\"datetime-local\"");
        assertThat(approver.submitWithoutToken(path, "scheduledAt=" + later)
                .statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(approver.submit("/", path, "scheduledAt=tomorrow").body()).contains("日時の形式が正しくありません");
        assertThat(approver.submit("/", path, "scheduledAt=" + later).body()).contains("新しい日時で予約しました");
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

        PageSession poster = login(world.poster());
        assertThat(poster.page("/")).doesNotContain(resolve);
        assertThat(poster.submit("/", resolve, found).body()).contains("管理者または広報担当の権限が必要です");
        PageSession pr = login(world.pr());
        assertThat(pr.page("/")).contains(resolve);
        assertThat(pr.submitWithoutToken(resolve, found).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(pr.submit("/", resolve, "outcome=found&reason=x").body()).contains("投稿ID またはURLを入力してください");
        assertThat(pr.submit("/", resolve, found).body()).contains("送信結果を確定しました");
        assertThat(status(delivery)).isEqualTo(DeliveryStatus.SENT);

        Post tweet = data.approvedPost(world, "削除する投稿 " + TestData.unique(), null, world.x());
        dispatcher.drain();
        Delivery sent = workflow.get(tweet.id()).deliveries().getFirst();
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        String delete = "/deliveries/" + sent.id() + "/delete";
        PageSession admin = login(world.admin());
        assertThat(admin.page("/")).contains(delete);
        assertThat(poster.submit("/", delete, "reason=x").body()).contains("送信済み投稿の削除には");
        assertThat(admin.submitWithoutToken(delete, "reason=x").statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(admin.submit("/", delete, "reason=").body()).contains("理由を入力してください");
        assertThat(admin.submit("/", delete, "reason=" + enc("日付の誤り")).body()).contains("媒体上の投稿を削除しました");
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
            PageSession pr = login(world.pr());
            assertThat(pr.page("/")).doesNotContain(path);
            assertThat(pr.submit("/", path, "reason=x").body()).contains("停止中の緊急送信は管理者だけが行えます");
            PageSession admin = login(world.admin());
            assertThat(admin.page("/")).contains(path);
            assertThat(admin.submitWithoutToken(path, "reason=x").statusCode())
                    .as("no CSRF token").isEqualTo(403);
            assertThat(admin.submit("/", path, "reason=" + enc("避難情報は停止中でも送る")).body())
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

        PageSession other = login(world.approverB());
        assertThat(other.page("/accounts/reviews")).doesNotContain(name);
        other.page("/accounts/reviews?lang=en");
        HttpResponse<String> otherHead = other.submit("/accounts/reviews", approve, "comment=x");
        assertThat(otherHead.statusCode()).as("a refusal of the person is a 403 page, not a message after a redirect")
                .isEqualTo(403);
        assertThat(otherHead.body()).contains("lang=\"en\"").contains("You are not allowed to do this.")
                .contains("Only the head of the department that owns the account decides this step.");
        PageSession poster = login(world.poster());
        HttpResponse<String> notAHead = poster.submit("/posts", approve, "comment=x");
        assertThat(notAHead.statusCode()).isEqualTo(403);
        assertThat(notAHead.body()).contains("lang=\"ja\"").contains("この操作を行う権限がありません。")
                .contains("この手続きには所属長（承認者）の権限が必要です。");
        assertThat(officialAccounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);

        PageSession head = login(world.approver());
        String reviews = head.page("/accounts/reviews");
        assertThat(reviews).contains(name).contains("正確な情報を発信します").contains("丁寧な表現")
                .contains("コメントには返信しません");
        assertThat(head.submitWithoutToken(approve, "comment=ok").statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(head.submit("/accounts/reviews", reject, "comment=").body()).contains("差し戻しには理由のコメントが必要です");
        assertThat(officialAccounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);
        assertThat(head.submit("/accounts/reviews", approve, "comment=" + enc("承認します")).body())
                .contains("承認しました");
        assertThat(officialAccounts.get(account.id()).status()).isEqualTo(AccountStatus.PENDING_PR);

        assertThat(head.page("/accounts/reviews")).doesNotContain(name);
        PageSession pr = login(world.pr());
        assertThat(pr.page("/accounts/reviews")).contains(name);
        assertThat(pr.submit("/accounts/reviews", reject, "comment=" + enc("目的をもっと具体的に")).body())
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

        PageSession admin = login(world.admin());
        String page = admin.page("/admin/accounts");
        assertThat(page).contains("/admin/accounts/" + world.x().id() + "/credentials")
                .contains("name=\"consumerKey\"").contains("name=\"accessTokenSecret\"")
                .contains("name=\"channelAccessToken\"").contains("name=\"pageAccessToken\"")
                .contains("name=\"igUserId\"").contains("type=\"password\" autocomplete=\"off\"");
        assertThat(admin.submitWithoutToken(credentials, values).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(admin.submit("/admin/accounts", credentials, "consumerKey=x").body())
                .contains("認証情報の値を入力してください");
        HttpResponse<String> replaced = admin.submit("/admin/accounts", credentials, values);
        assertThat(replaced.body()).contains("認証情報を置き換えました").doesNotContain(secret);
        assertThat(admin.page("/admin/accounts")).doesNotContain(secret);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=ACCOUNT&subjectId=" + world.x().id()).body())
                .contains("ACCOUNT_CREDENTIALS_REPLACED").contains("accessTokenSecret").doesNotContain(secret);

        PageSession pr = login(world.pr());
        String prPage = pr.page("/admin/accounts");
        assertThat(prPage).doesNotContain("name=\"consumerKey\"").contains(test);
        assertThat(pr.submit("/admin/accounts", credentials, values).body()).contains("class=\"error\"")
                .doesNotContain(secret);
        assertThat(pr.submitWithoutToken(test, "").statusCode()).isEqualTo(403);
        HttpResponse<String> tested = pr.submit("/admin/accounts", "/admin/accounts/" + world.lineA().id()
                + "/test-connection", "");
        assertThat(tested.body()).contains("接続テストを記録しました").contains("接続テスト）");
        PageSession poster = login(world.poster());
        assertThat(poster.submitWithoutToken(test, "").statusCode()).isEqualTo(403);
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
        assertThat(docs.json().get("paths").get("/api/posts").get("get").get("parameters").toString())
                .as("the person making the request is no parameter of it").contains("\"mine\"")
                .doesNotContain("\"me\"");
    }

    @Test
    void pagesNeedLoginAndSpeakJapaneseByDefault() throws Exception {
        PageSession browser = PageSession.anonymous(port);

        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> login = browser.get("/login");
        assertThat(login.body()).contains("ログイン").contains("lang=\"ja\"");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");

        HttpResponse<String> english = browser.get("/login?lang=en");
        assertThat(english.body()).contains("Log in");
    }

    @Test
    void formsRefuseRequestsWithoutTheCsrfToken() throws Exception {
        World world = data.world();
        PageSession browser = PageSession.anonymous(port);
        HttpResponse<String> loggedIn = browser.postLogin(world.poster(), TestData.PASSWORD);
        assertThat(loggedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("投稿を作成");

        HttpResponse<String> forged = browser.submitWithoutToken("/posts", "text=x&category=NOTICE&accountIds="
                + world.lineA().id());
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> real = browser.postOn(home.body(), "/posts", "text=" + enc("<script>alert(1)</script>")
                + "&category=NOTICE&accountIds=" + world.lineA().id());
        assertThat(real.statusCode()).isEqualTo(302);
        String after = browser.get("/posts").body();
        assertThat(after).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void everyPageRendersForItsRolesAndRefusesOthers() throws Exception {
        World world = data.world();
        data.approvedPost(world, "予定の投稿 " + TestData.unique(), clock.instant().plusSeconds(3600), world.lineA());
        PageSession poster = login(world.poster());
        for (String page : new String[] {"/", "/compose", "/posts"}) {
            HttpResponse<String> response = poster.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).contains("/js/app.js").contains("name=\"_csrf\"");
        }
        assertThat(poster.get("/audit").statusCode()).isEqualTo(403);
        assertThat(poster.get("/admin/accounts").statusCode())
                .isEqualTo(403);
        assertThat(poster.get("/press-release").statusCode())
                .isEqualTo(403);

        PageSession approver = login(world.approver());
        assertThat(approver.get("/inbox").statusCode()).isEqualTo(200);
        PageSession auditor = login(world.auditor());
        HttpResponse<String> audit = auditor.get("/audit?actor=" + world.approver() + "&verify=true");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("POST_APPROVED");
        HttpResponse<String> csv = auditor.get("/audit/export.csv?actor=" + world.approver());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains("POST_APPROVED");
        assertThat(auditor.get("/audit/send-log.csv?from=2020-01-01")
                .statusCode()).isEqualTo(200);
        assertThat(auditor.get("/audit/export.csv?from=yesterday")
                .statusCode()).isEqualTo(400);

        PageSession admin = login(world.admin());
        assertThat(admin.get("/admin/accounts").body())
                .contains(world.lineA().name());
        assertThat(admin.get("/admin/pause?accountId=" + world.lineA().id())
                .body()).contains(world.lineA().name()).contains("name=\"reason\"");
        PageSession pr = login(world.pr());
        assertThat(pr.get("/press-release?sourceUrl=" + enc("https://www.city.gotsu.lg.jp/press/1.html")).body())
                .contains("https://www.city.gotsu.lg.jp/press/1.html");
        HttpResponse<String> foreign = pr.get("/press-release?sourceUrl=" + enc("https://example.com/x"));
        assertThat(foreign.statusCode()).isEqualTo(422);
        assertThat(foreign.body()).contains("公式ドメイン");
    }

    @Test
    void aPauseFromThePageNamesWhoMayStillPostAndWhenItEnds() throws Exception {
        World world = data.world();
        long account = world.lineA().id();
        PageSession admin = login(world.admin());
        String confirm = admin.page("/admin/pause?accountId=" + account);
        assertThat(confirm).contains("name=\"exceptDepartmentId\"").contains("name=\"exceptCategory\"")
                .contains("name=\"endsAt\"").contains(world.departmentB().name());

        HttpResponse<String> past = admin.postOn(confirm, "/admin/pause", "accountId=" + account + "&reason="
                + enc("台風接近") + "&endsAt=2020-01-01T09:00");
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(past.body()).contains("class=\"error\"").contains("未来の日時を指定");

        java.time.LocalDateTime ends = java.time.LocalDateTime.ofInstant(clock.instant(), PagesController.CITY_TIME)
                .plusHours(6).withSecond(0).withNano(0);
        HttpResponse<String> paused = admin.postOn(confirm, "/admin/pause", "accountId=" + account + "&reason="
                + enc("台風接近") + "&exceptDepartmentId=" + world.departmentB().id() + "&exceptCategory=EMERGENCY"
                + "&endsAt=" + ends);
        try {
            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            assertThat(pauses.active()).filteredOn(p -> p.accountId() != null && p.accountId() == account)
                    .singleElement().satisfies(p -> {
                        assertThat(p.exceptDepartmentId()).isEqualTo(world.departmentB().id());
                        assertThat(p.exceptCategory()).isEqualTo(org.kohogateway.gateway.post.PostCategory.EMERGENCY);
                        assertThat(p.endsAt()).isEqualTo(ends.atZone(PagesController.CITY_TIME).toInstant());
                    });
        } finally {
            pauses.resume(world.admin(), account);
        }
    }

    @Test
    void theAsYouTypeCheckAndBadInputAreFormErrorsNotServerErrors() throws Exception {
        World world = data.world();
        PageSession poster = login(world.poster());
        String compose = poster.page("/compose");

        HttpResponse<String> check = poster.postOn(compose, "/compose/check", "text=" + enc("電話は 090-1234-5678 まで")
                + "&category=NOTICE&accountIds=" + world.x().id());
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
            HttpResponse<String> response = poster.postOn(compose, "/posts", body);
            assertThat(response.statusCode()).as(body).isBetween(400, 499);
            assertThat(response.body()).as(body).contains("class=\"error\"");
        }
        HttpResponse<String> unknown = poster.get("/posts/not-a-uuid/edit");
        assertThat(unknown.statusCode()).isEqualTo(400);
        HttpResponse<String> missing = poster.get("/posts/" + java.util.UUID.randomUUID() + "/edit");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    /** Findings that do not depend on a target show from the first keystroke, before any account is ticked. */
    @Test
    void theAsYouTypeCheckRunsBeforeAnAccountIsTicked() throws Exception {
        World world = data.world();
        PageSession poster = login(world.poster());
        HttpResponse<String> check = poster.post("/compose", "/compose/check", "text="
                + enc("電話は 090-1234-5678 まで。詳しくは https://bit.ly/abc ○○地区 12月20日（土）") + "&category=NOTICE");

        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("電話番号").contains("090-1234-5678").contains("bit.ly")
                .doesNotContain("<html");
        assertThat(check.body()).as("no hint to tick an account first").doesNotContain("投稿先アカウントを 1 つ以上選んでください");
    }

    private PageSession login(String username) {
        return PageSession.login(port, clock, username, TestData.PASSWORD);
    }
}
