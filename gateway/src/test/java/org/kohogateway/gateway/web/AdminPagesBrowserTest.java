package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin pages in a real browser ({@link BrowserPages}). Each scenario walks the pages as the person would, and the
 * main pages are saved as screenshots (Japanese) to {@code docs/screenshots/}.
 */
class AdminPagesBrowserTest extends BrowserPages {

    @Autowired
    private Dispatcher dispatcher;

    @Autowired
    private PostWorkflow workflow;

    @Autowired
    private AccountWorkflow accounts;

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void posterSubmitsApproverAcknowledgesAndApprovesAndTheDeliveryIsSent() {
        World world = data.world();
        String text = "江津市の秋祭りは11月30日（日）10時から開催します。" + TestData.unique();

        driver.get(url("/"));
        screenshot("login");
        login(world.poster());
        driver.get(url("/compose"));
        tick(world.lineA().id());
        tick(world.x().id());
        WebElement body = driver.findElement(By.id("text"));
        body.sendKeys("お問い合わせは 090-1234-5678 まで");
        // the as-you-type check: findings arrive while typing, with the X weighted counter
        waitForText(By.id("findings"), "電話番号");
        assertThat(driver.findElement(By.id("findings")).getText()).contains("X（旧Twitter）: ");
        screenshot("compose");

        body.clear();
        body.sendKeys(text);
        driver.findElement(By.id("links")).sendKeys("https://example.com/festival");
        waitForText(By.id("findings"), "example.com");
        assertThat(driver.findElement(By.id("findings")).getText()).doesNotContain("電話番号");
        driver.findElement(By.cssSelector("button[value=submit]")).click();
        waitForText(By.tagName("main"), "承認申請しました");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(text).contains("承認待ち");
        screenshot("my-posts");

        logout();
        login(world.approver());
        driver.get(url("/inbox"));
        WebElement post = article(text);
        assertThat(post.getText()).contains(world.lineA().name()).contains(world.x().name()).contains("要確認");
        post.findElement(By.cssSelector("button.primary")).click();
        // approving without acknowledging the external link is a form error, not a 500
        waitForText(By.cssSelector(".error"), "確認");
        screenshot("inbox");
        post = article(text);
        post.findElement(By.cssSelector("input[name=acknowledge]")).click();
        post.findElement(By.tagName("textarea")).sendKeys("承認します");
        post.findElement(By.cssSelector("button.primary")).click();
        waitForText(By.tagName("main"), "承認しました");

        dispatcher.drain();

        logout();
        login(world.poster());
        driver.get(url("/posts"));
        WebElement mine = article(text);
        assertThat(mine.findElements(By.cssSelector(".delivery-sent"))).hasSize(2);
        assertThat(mine.getText()).contains("送信済み");
    }

    /** Findings about the text itself arrive from the first keystrokes, before any account is ticked. */
    @Test
    void composeShowsFindingsBeforeAnAccountIsTicked() {
        World world = data.world();
        login(world.poster());
        driver.get(url("/compose"));

        driver.findElement(By.id("text")).sendKeys("お問い合わせは 090-1234-5678 まで https://bit.ly/abc");

        waitForText(By.id("findings"), "電話番号");
        assertThat(driver.findElement(By.id("findings")).getText()).contains("bit.ly")
                .doesNotContain("投稿先アカウントを 1 つ以上選んでください");
    }

    @Test
    void prOfficerRepostsAPressReleaseDirectly() {
        World world = data.world();
        String source = SimulatedPlatforms.shared().cityPage("報道発表 " + TestData.unique()).toString();

        login(world.pr());
        driver.get(url("/press-release"));
        driver.findElement(By.id("sourceUrl")).sendKeys(source);
        driver.findElement(By.cssSelector("form[action='/press-release'] button")).click();
        WebElement body = new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("text")));
        assertThat(body.getAttribute("value")).contains(source);
        tick(world.cityLine().id());
        waitForText(By.id("findings"), "LINE: ");
        screenshot("press-release");
        driver.findElement(By.cssSelector("button[value=publish]")).click();
        waitForText(By.tagName("main"), "発信しました");

        dispatcher.drain();
        driver.get(url("/posts"));
        WebElement mine = article(source);
        assertThat(mine.getText()).contains("広報担当課からの直接発信").contains("送信済み");
    }

    @Test
    void auditorFiltersTheTrailChecksTheChainAndExports() throws Exception {
        World world = data.world();
        data.approvedPost(world, "監査の対象 " + TestData.unique(), null, world.lineA());

        login(world.auditor());
        driver.get(url("/audit"));
        driver.findElement(By.id("actor")).sendKeys(world.approver());
        driver.findElement(By.cssSelector("form[action='/audit'] button[type=submit]")).click();
        waitForText(By.tagName("table"), "POST_APPROVED");
        List<WebElement> actors = driver.findElements(By.cssSelector("tbody tr td:nth-child(2)"));
        assertThat(actors).isNotEmpty().allSatisfy(td -> assertThat(td.getText()).isEqualTo(world.approver()));

        driver.findElement(By.linkText("改ざんを検査")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".verification")));
        screenshot("audit");

        // the downloads work with the auditor's page session (no HTTP Basic)
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/audit/export.csv?actor=" + world.approver(), "/audit/send-log.csv?actor="
                + world.poster())) {
            HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).as(path).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        }
        assertThat(driver.findElement(By.id("export-audit")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("export-send-log")).isDisplayed()).isTrue();
    }

    @Test
    void adminPausesAnAccountSoADuePostStaysThenResumes() {
        World world = data.world();
        Post post = data.approvedPost(world, "停止中は送らない " + TestData.unique(), clock.instant().plusSeconds(60),
                world.lineA());

        login(world.admin());
        driver.get(url("/admin/accounts"));
        driver.findElement(By.cssSelector("a[href='/admin/pause?accountId=" + world.lineA().id() + "']")).click();
        driver.findElement(By.id("reason")).sendKeys("炎上への対応のため");
        screenshot("pause-confirm");
        driver.findElement(By.id("confirm")).click();
        waitForText(By.tagName("main"), "停止しました");
        assertThat(driver.findElement(By.cssSelector(".banners")).getText()).contains(world.lineA().name())
                .contains("炎上への対応のため");

        clock.set(clock.instant().plusSeconds(120));
        dispatcher.drain();
        assertThat(workflow.get(post.id()).deliveries().getFirst().status()).isNotEqualTo(DeliveryStatus.SENT);

        driver.get(url("/"));
        assertThat(driver.findElement(By.cssSelector(".banners")).getText()).contains(world.lineA().name());
        screenshot("dashboard");
        driver.get(url("/admin/accounts"));
        driver.findElement(By.id("account-" + world.lineA().id())).findElement(By.linkText("再開…")).click();
        driver.findElement(By.id("confirm")).click();
        waitForText(By.tagName("main"), "再開しました");
        assertThat(driver.findElements(By.cssSelector(".banners"))).noneMatch(b -> b.getText()
                .contains(world.lineA().name()));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(world.lineA().name());

        dispatcher.drain();
        assertThat(workflow.get(post.id()).deliveries().getFirst().status()).isEqualTo(DeliveryStatus.HELD);
        driver.get(url("/admin/accounts"));
        screenshot("admin-accounts");
    }

    @Test
    void composeIsUsableOnAPhoneAndSpeaksEnglishOnRequest() {
        World world = data.world();
        login(world.poster());
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/compose"));
        tick(world.lineA().id());
        driver.findElement(By.id("text")).sendKeys("江津市からのお知らせです。");
        waitForText(By.id("findings"), "ガイドラインの指摘はありません");
        WebElement text = driver.findElement(By.id("text"));
        assertThat(text.getRect().getWidth()).isLessThanOrEqualTo(390);
        screenshot("compose-phone");

        driver.get(url("/compose?lang=en"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Write a post");
        driver.get(url("/compose?lang=ja"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("投稿を作成");
    }

    @Test
    void theCalendarShowsTheMonthAsAGridAndAsAListOnAPhone() {
        World world = data.world();
        java.time.YearMonth month = java.time.YearMonth.now(PagesController.CITY_TIME).plusMonths(1);
        String[] texts = {"【観光】秋の紅葉ライトアップのお知らせ", "【観光】週末の観光列車の運行について",
                "【観光】道の駅でマルシェを開催します", "【観光】写真コンテストの作品を募集します"};
        int[][] times = {{3, 10}, {10, 9}, {10, 18}, {24, 12}};
        Post first = null;
        for (int i = 0; i < texts.length; i++) {
            java.time.Instant at = month.atDay(times[i][0]).atTime(times[i][1], 0).atZone(PagesController.CITY_TIME)
                    .toInstant();
            Post post = data.approvedPost(world, texts[i] + " " + TestData.unique(), at,
                    i % 2 == 0 ? world.lineA() : world.lineA2());
            first = first == null ? post : first;
        }

        login(world.poster());
        driver.get(url("/calendar?month=" + month));
        WebElement day = driver.findElement(By.id("day-" + month.atDay(10)));
        assertThat(day.findElements(By.cssSelector(".entry"))).hasSize(2);
        assertThat(day.getText()).contains("09:00").contains("18:00").contains(world.lineA2().name());
        assertThat(driver.findElement(By.cssSelector(".weekdays")).isDisplayed()).isTrue();
        screenshot("calendar");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        assertThat(driver.findElement(By.cssSelector(".weekdays")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("day-" + month.atDay(11))).isDisplayed()).as("empty days are left out")
                .isFalse();
        WebElement busy = driver.findElement(By.id("day-" + month.atDay(10)));
        assertThat(busy.isDisplayed()).isTrue();
        assertThat(busy.getRect().getWidth()).isLessThanOrEqualTo(390);
        screenshot("calendar-phone");

        driver.findElement(By.cssSelector("#day-" + month.atDay(3) + " .entry a")).click();
        waitForText(By.tagName("main"), texts[0]);
        assertThat(driver.getCurrentUrl()).endsWith("/posts/" + first.id().value());
    }

    @Test
    void aPosterCancelsAnApprovedPostOnAPhoneAfterConfirmingWithAReason() {
        World world = data.world();
        String text = "【観光】雨天のため中止になるイベントのお知らせ " + TestData.unique();
        Post post = data.approvedPost(world, text, clock.instant().plusSeconds(7200), world.lineA());

        login(world.poster());
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/posts"));
        article(text).findElement(By.linkText("中止…")).click();
        WebElement reason = new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.id("reason")));
        assertThat(reason.getRect().getWidth()).isLessThanOrEqualTo(390);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains(text).contains(world.lineA().name());
        reason.sendKeys("雨天のためイベントが中止になりました");
        screenshot("cancel-confirm");
        driver.findElement(By.id("confirm")).click();
        waitForText(By.tagName("main"), "投稿を中止しました");
        assertThat(article(text).getText()).contains("中止");
        assertThat(workflow.get(post.id()).deliveries()).allSatisfy(d -> assertThat(d.status())
                .isEqualTo(DeliveryStatus.CANCELLED));
    }

    @Test
    void anAdminCreatesAUserOnTheStaffPage() {
        World world = data.world();
        String username = "kanko-" + TestData.unique();

        login(world.admin());
        driver.get(url("/admin/staff?department=" + world.departmentA().id()));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("displayName")).sendKeys("観光 五月");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("departmentId")))
                .selectByValue(Long.toString(world.departmentA().id()));
        driver.findElement(By.cssSelector("#new-staff input[value=POSTER]")).click();
        driver.findElement(By.id("password")).sendKeys("short");
        // the browser's own minlength check would stop a short password; the server's check is what counts
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById('password').removeAttribute('minlength')");
        driver.findElement(By.cssSelector("#new-staff button[type=submit]")).click();
        waitForText(By.id("staff-error"), "12 文字以上");
        assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo(username);
        driver.findElement(By.id("password")).sendKeys("kouyou-no-kisetsu-2026");
        driver.findElement(By.cssSelector("#new-staff button[type=submit]")).click();
        waitForText(By.tagName("main"), "職員を登録しました");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(username);
        driver.get(url("/admin/staff?department=" + world.departmentA().id()));
        assertThat(driver.findElement(By.id("staff-list")).getText()).contains(username).contains("投稿者");
        screenshot("admin-staff");
    }

    @Test
    void aPosterImportsAShiftJisFileAndThePageFollowsTheJobWithoutReloading() throws IOException {
        World world = data.world();
        String marker = "ゆっくり登録される行 " + TestData.unique();
        Path csv = Files.createTempFile("koho-import-", ".csv");
        Files.write(csv, ("text,links,category,account_ids,scheduled_at,submit\r\n"
                + marker + ",,NOTICE," + world.lineA().id() + ",,false\r\n"
                + "年末年始の窓口のご案内です。,https://www.city.gotsu.lg.jp/,NOTICE," + world.lineA().id() + ",,true\r\n")
                .getBytes(java.nio.charset.Charset.forName("windows-31j")));
        // the marked row takes two seconds to store, so the page is seen while the job runs
        String trigger = "slow_import_" + Math.abs(marker.hashCode());
        jdbc.sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin if new.text = '"
                + marker + "' then perform pg_sleep(2); end if; return new; end $$").update();
        jdbc.sql("create trigger " + trigger + " before insert on post for each row execute function " + trigger + "()")
                .update();
        try {
            login(world.poster());
            driver.get(url("/imports"));
            driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("input[name=mode][value=VALID_ROWS]")).click();
            driver.findElement(By.cssSelector("#upload button[type=submit]")).click();
            waitForText(By.tagName("main"), "ファイルを受け付けました");
            assertThat(driver.findElement(By.id("import-status")).getText()).isIn("受付済み（開始待ち）", "取り込み中");
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.kohoSamePage = true");

            waitForText(By.id("import-status"), "完了");

            assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.kohoSamePage"))
                    .as("htmx swapped the section in; the page was not reloaded").isEqualTo(true);
            assertThat(driver.findElements(By.cssSelector("#import-posts a"))).hasSize(2);
            screenshot("import");
        } finally {
            jdbc.sql("drop trigger " + trigger + " on post").update();
            jdbc.sql("drop function " + trigger + "()").update();
            Files.delete(csv);
        }
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/imports"));
        assertThat(driver.findElement(By.id("file")).getRect().getWidth()).isLessThanOrEqualTo(390);
        screenshot("imports-phone");
    }

    @Test
    void anAdminReadsAQuotaInPlaceAndWorksThroughAnIncident() {
        World world = data.world();
        login(world.admin());
        driver.get(url("/admin/accounts"));
        WebElement row = driver.findElement(By.id("account-" + world.lineA().id()));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.kohoSamePage = true");

        row.findElement(By.linkText("残りの送信数を確認")).click();

        waitForText(By.id("quota-" + world.lineA().id()), "今月の残り");
        assertThat(driver.getCurrentUrl()).endsWith("/admin/accounts");
        assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.kohoSamePage"))
                .isEqualTo(true);

        driver.get(url("/incidents"));
        driver.findElement(By.cssSelector("input[name=kind][value=FLAME_WAR]")).click();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("accountId")))
                .selectByValue(Long.toString(world.x().id()));
        driver.findElement(By.id("summary")).sendKeys("イベント中止の投稿に批判的な返信が続いている");
        driver.findElement(By.cssSelector("#report button[type=submit]")).click();
        waitForText(By.tagName("main"), "事案を記録しました");
        driver.findElement(By.id("note-RESPOND_CALMLY")).sendKeys("反論せず、経緯を丁寧に説明した");
        driver.findElement(By.cssSelector("#step-RESPOND_CALMLY button")).click();
        waitForText(By.id("step-RESPOND_CALMLY"), "実施済み");
        screenshot("incident");
    }

    @Test
    void theRuleListsWebhooksAndTheAccountRequestFormFitTheirScreens() {
        World world = data.world();
        login(world.admin());
        driver.get(url("/admin/policy"));
        assertThat(driver.findElement(By.id("entries-URL_SHORTENER")).getText()).contains("bit.ly");
        screenshot("policy-lists");
        driver.get(url("/admin/notifications?department=" + world.departmentA().id()));
        assertThat(driver.findElement(By.id("webhook-secret")).getAttribute("type")).isEqualTo("password");
        screenshot("admin-notifications");
        logout();

        login(world.poster());
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/accounts/new"));
        for (String field : new String[] {"name", "url", "purpose", "administrator", "basicPrinciples"}) {
            assertThat(driver.findElement(By.id(field)).getRect().getWidth()).as(field).isLessThanOrEqualTo(390);
        }
        screenshot("account-request-phone");
    }

    @Test
    void aDepartmentHeadReviewsAPolicyChangeBesideThePolicyInForceOnAPhone() {
        World world = data.world();
        String name = "子育て LINE " + TestData.unique();
        PolicyDraft policy = new PolicyDraft(name, "https://line.me/R/ti/p/@kosodate", "子育て支援の情報", world.approver(),
                List.of(world.poster()), true, ReplyPolicy.NO_REPLIES, "正確に", "親しみやすく", "");
        long id = accounts.draft(world.poster(), org.kohogateway.connectors.Platform.LINE, world.departmentA().id(),
                policy).id();
        accounts.submit(world.poster(), id);
        accounts.approveAsDepartment(world.approver(), id, null);
        accounts.approveAsPr(world.pr(), id, null);
        accounts.proposePolicy(world.poster(), id, new PolicyDraft(name, "https://line.me/R/ti/p/@kosodate", "子育て支援の情報",
                world.approver(), List.of(world.poster()), false, ReplyPolicy.REPLIES_ALLOWED, "正確に", "丁寧に", ""));

        login(world.approver());
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/accounts/reviews"));

        WebElement replies = driver.findElement(By.id("policy-change-" + id + "-replyPolicy"));
        assertThat(replies.getText()).contains("コメントに返信しない").contains("コメントに返信する").contains("変更あり");
        assertThat(driver.findElement(By.id("policy-change-" + id + "-name")).getText()).contains("変更なし");
        assertThat(driver.findElement(By.id("review-comment-" + id)).getRect().getWidth()).isLessThanOrEqualTo(390);
        screenshot("account-policy-change-review");
    }

    /** Issue 19: a photo from the phone's picker, its alt text typed beside it; the approver sees it with that text. */
    @Test
    void aPosterAddsAPhotoWithAltTextOnAPhoneAndTheApproverSeesItInTheInbox() throws IOException {
        World world = data.world();
        String text = "秋祭りの山車が江津駅前を通ります。" + TestData.unique();
        String alt = "江津駅前の通りを進む、提灯で飾られた秋祭りの山車";
        Path photo = Files.createTempFile("koho-photo-", ".jpg");
        try {
            Files.write(photo, org.kohogateway.gateway.media.TestImages.jpeg(800, 600));
            login(world.poster());
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(url("/compose"));
            WebElement picker = driver.findElement(By.id("mediaFiles"));
            assertThat(picker.getAttribute("accept")).isEqualTo("image/jpeg,image/png,video/mp4,video/quicktime");
            assertThat(picker.getAttribute("multiple")).isNotNull();
            tick(world.lineA().id());
            driver.findElement(By.id("text")).sendKeys(text);
            picker.sendKeys(photo.toString());
            WebElement altField = new WebDriverWait(driver, WAIT)
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#media-list .media-alt")));
            assertThat(driver.findElement(By.cssSelector("#media-list .media-position")).getText()).isEqualTo("写真 1");
            altField.sendKeys(alt);
            new WebDriverWait(driver, WAIT).until(d -> loaded(d.findElement(By.cssSelector("#media-list img"))));
            assertThat(altField.getRect().getWidth()).isLessThanOrEqualTo(390);
            screenshot("compose-photo-phone");
            driver.findElement(By.cssSelector("button[value=submit]")).click();
            waitForText(By.tagName("main"), "承認申請しました");

            logout();
            login(world.approver());
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(url("/inbox"));
            WebElement image = article(text).findElement(By.cssSelector("img.thumb"));
            assertThat(image.getAttribute("alt")).isEqualTo(alt);
            new WebDriverWait(driver, WAIT).until(d -> loaded(image));
            screenshot("inbox-photo-phone");
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    /** Whether the browser fetched and decoded the image (a refused thumbnail has no width). */
    private static boolean loaded(WebElement image) {
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image));
    }
}
