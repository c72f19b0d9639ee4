package org.kohogateway.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;
import static org.kohogateway.gateway.testing.PageSession.formError;

import java.net.http.HttpResponse;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountPolicy;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The requesters' account pages over real HTTP: drafting an account with its whole operating policy, a new policy
 * version, submitting it for review, requesting a closing; and the platform quota read on demand on /admin/accounts.
 */
class AccountRequestPagesIntegrationTest extends IntegrationTest {

    @Autowired
    OfficialAccounts accounts;

    @Autowired
    StaffDirectory directory;

    @Autowired
    AccountWorkflow workflow;

    @Autowired
    AuditTrail audit;

    @Test
    void aPosterDraftsAnAccountWithItsWholePolicyChangesItAndSubmitsItForReview() {
        World world = data.world();
        PageSession poster = session(world.poster());
        assertThat(poster.page("/")).contains("href=\"/accounts\"");
        String form = poster.page("/accounts/new");
        assertThat(form).contains(world.departmentA().name()).contains("value=\"" + world.approver() + "\"")
                .contains("name=\"operators\" value=\"" + world.poster() + "\"")
                .doesNotContain("name=\"operators\" value=\"" + world.approver() + "\"");
        String name = "江津市 子育て LINE " + TestData.unique();

        HttpResponse<String> drafted = poster.submit("/accounts/new", "/accounts", policy(world, name, "親しみやすく"));

        assertThat(drafted.body()).contains("下書きを保存しました").contains(name).contains("下書き");
        long id = Long.parseLong(drafted.uri().getPath().substring("/accounts/".length()));
        OfficialAccount account = accounts.get(id);
        AccountPolicy saved = account.accountPolicy();
        assertThat(account.status()).isEqualTo(AccountStatus.DRAFT);
        assertThat(account.departmentId()).isEqualTo(world.departmentA().id());
        assertThat(saved.url()).isEqualTo("https://line.me/R/ti/p/@kosodate");
        assertThat(saved.purpose()).isEqualTo("子育て支援の情報を発信します");
        assertThat(saved.administratorId()).isEqualTo(directory.byUsername(world.approver()).id());
        assertThat(saved.operatorIds()).containsExactly(directory.byUsername(world.poster()).id());
        assertThat(saved.operating().departmentApprovalRequired()).isTrue();
        assertThat(saved.operating().replyPolicy()).isEqualTo(ReplyPolicy.NO_REPLIES);
        assertThat(saved.operating().basicPrinciples()).isEqualTo("正確な情報を発信します");
        assertThat(saved.operating().tone()).isEqualTo("親しみやすく");
        assertThat(saved.operating().commentHandling()).isEqualTo("コメントには返信しません");
        assertThat(poster.page("/accounts")).contains("id=\"managed-" + id + "\"").contains(name);

        String page = "/accounts/" + id;
        HttpResponse<String> unchanged = poster.submit(page, page + "/policy", policy(world, name, "親しみやすく"));
        assertThat(unchanged.statusCode()).isEqualTo(400);
        assertThat(formError(unchanged.body(), "policy")).contains("運用ポリシーが変更されていません");
        assertThat(poster.submit(page, page + "/policy", policy(world, name, "やわらかく丁寧に")).body())
                .contains("運用ポリシーの新しい版を保存しました").contains("第 2 版（全 2 版）");
        assertThat(accounts.get(id).policy().tone()).isEqualTo("やわらかく丁寧に");

        assertThat(poster.submit(page, page + "/submit", "").body()).contains("申請しました。所属長の承認を待ちます");
        assertThat(accounts.get(id).status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);
        assertThat(session(world.approver()).page("/accounts/reviews")).contains(name).contains("やわらかく丁寧に");
        HttpResponse<String> again = poster.submit(page, page + "/submit", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(formError(again.body(), "submit")).contains("「所属長の承認待ち」のアカウントには操作「submit」を実行できません");
        assertThat(audit.find(AuditQuery.forSubject("ACCOUNT", Long.toString(id)))).extracting(AuditEntry::action)
                .containsExactly("ACCOUNT_SUBMITTED", "ACCOUNT_POLICY_CHANGED", "ACCOUNT_DRAFTED");
    }

    @Test
    void eachBadPolicyIsAFormErrorWithWhatWasTyped() {
        World world = data.world();
        PageSession poster = session(world.poster());
        String good = policy(world, "エラー確認 " + TestData.unique(), "丁寧に");
        String[][] bad = {
                {good.replace("platform=LINE", "platform="), "ソーシャルメディアの種類を指定してください", "400"},
                {good.replace("platform=LINE", "platform=MYSPACE"), "ソーシャルメディアの種類を指定してください", "400"},
                {good.replace(enc("https://line.me/R/ti/p/@kosodate"), enc("http://lin.ee/kosodate")), "https の URL にしてください", "400"},
                {good.replace(enc("https://line.me/R/ti/p/@kosodate"), enc("https://lin.ee/kosodate")), "短縮 URL は使えません", "400"},
                {good.replace("&purpose=", "&purpose=&x="), "情報発信の目的・内容を入力してください", "400"},
                {good.replace("&administrator=" + world.approver(), "&administrator="), "管理者を指定してください", "400"},
                {good.replace("&administrator=" + world.approver(), "&administrator=" + world.approverB()),
                        "はアカウントを所管する所属の職員ではありません", "400"},
                {good.replace("&operators=" + world.poster(), "&operators=" + world.approver()),
                        "には投稿者の権限がありません", "400"},
                {good.replace("&departmentApprovalRequired=true", ""), "所属長決裁の要・不要を指定してください", "400"},
                {good.replace("replyPolicy=NO_REPLIES", "replyPolicy=SOMETIMES"), "コメントへの対応", "400"},
                {good.replace("&name=", "&name=" + "長".repeat(101)), "が長すぎます", "400"}};
        for (String[] c : bad) {
            HttpResponse<String> refused = poster.submit("/accounts/new", "/accounts", c[0]);
            assertThat(refused.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
            assertThat(formError(refused.body(), "policy")).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> kept = poster.submit("/accounts/new", "/accounts",
                good.replace("&administrator=" + world.approver(), "&administrator="));
        assertThat(kept.body()).contains("value=\"https://line.me/R/ti/p/@kosodate\"").contains("子育て支援の情報を発信します")
                .contains("value=\"" + world.poster() + "\" checked").contains("value=\"NO_REPLIES\" checked");
        assertThat(accounts.all()).noneMatch(a -> a.name().startsWith("エラー確認"));
    }

    @Test
    void theDepartmentRequestsTheClosingOfAnAccountInServiceWithReasonAndDate() {
        World world = data.world();
        PageSession poster = session(world.poster());
        String page = "/accounts/" + world.lineA2().id();
        String closing = page + "/closing";
        LocalDate today = LocalDate.ofInstant(clock.instant(), PagesController.CITY_TIME);
        assertThat(poster.page(page)).contains("action=\"" + closing + "\"");
        String[][] bad = {
                {"reason=&closingDate=" + today.plusDays(30), "廃止の理由を入力してください", "400"},
                {"reason=x&closingDate=", "廃止日を指定してください", "400"},
                {"reason=x&closingDate=tomorrow", "日付の形式が正しくありません: tomorrow", "400"},
                {"reason=x&closingDate=" + today.minusDays(1), "今日以降の日付にしてください", "400"},
                {"reason=x&closingDate=" + today.plusYears(3), "2 年より先です", "400"}};
        for (String[] c : bad) {
            HttpResponse<String> refused = poster.submit(page, closing, c[0]);
            assertThat(refused.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
            assertThat(formError(refused.body(), "closing")).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> kept = poster.submit(page, closing, "reason=" + enc("統合のため") + "&closingDate=tomorrow");
        assertThat(kept.body()).contains("統合のため").contains("value=\"tomorrow\"");
        PageSession otherDepartment = session(world.approverB());
        HttpResponse<String> notTheirs = otherDepartment.submit("/accounts", closing,
                "reason=x&closingDate=" + today.plusDays(30));
        assertThat(notTheirs.statusCode()).isEqualTo(403);
        assertThat(notTheirs.body()).as("the error page: nothing to correct on the form")
                .contains("この操作を行う権限がありません").contains("このアカウントを扱えるのは");
        assertThat(accounts.get(world.lineA2().id()).status()).isEqualTo(AccountStatus.ACTIVE);

        HttpResponse<String> requested = poster.submit(page, closing,
                "reason=" + enc("観光 LINE に統合するため") + "&closingDate=" + today.plusDays(30));

        assertThat(requested.body()).contains("廃止を申請しました").contains("観光 LINE に統合するため");
        OfficialAccount account = accounts.get(world.lineA2().id());
        assertThat(account.status()).isEqualTo(AccountStatus.CLOSING_PENDING_DEPARTMENT);
        assertThat(account.closingDate()).isEqualTo(today.plusDays(30));
        assertThat(session(world.approver()).page("/accounts/reviews")).contains("観光 LINE に統合するため");
        assertThat(audit.find(AuditQuery.forSubject("ACCOUNT", Long.toString(account.id()))))
                .extracting(AuditEntry::action).first().isEqualTo("ACCOUNT_CLOSING_REQUESTED");
    }

    @Test
    void aPolicyChangeOfAnAccountInServiceIsRequestedOnItsPageAndReviewedBesideThePolicyInForce() {
        World world = data.world();
        PageSession poster = session(world.poster());
        String name = "江津市 子育て LINE " + TestData.unique();
        HttpResponse<String> drafted = poster.submit("/accounts/new", "/accounts", policy(world, name, "親しみやすく"));
        long id = Long.parseLong(drafted.uri().getPath().substring("/accounts/".length()));
        workflow.submit(world.poster(), id);
        workflow.approveAsDepartment(world.approver(), id, null);
        workflow.approveAsPr(world.pr(), id, null);
        String page = "/accounts/" + id;
        assertThat(poster.page(page)).contains("action=\"" + page + "/policy-change\"").contains("変更を申請する")
                .doesNotContain("action=\"" + page + "/policy\"");
        assertThat(poster.submitWithoutToken(page + "/policy-change", policy(world, name, "x")).statusCode())
                .isEqualTo(403);

        HttpResponse<String> requested = poster.submit(page, page + "/policy-change",
                policy(world, name, "やわらかく丁寧に"));

        assertThat(requested.body()).contains("運用ポリシーの変更を申請しました").contains("運用中（ポリシー変更の所属長承認待ち）")
                .contains("id=\"policy-change-" + id + "\"").doesNotContain("id=\"policy-form\"")
                .doesNotContain("id=\"closing-form\"");
        assertThat(accounts.get(id).policy().tone()).as("in force until approved").isEqualTo("親しみやすく");
        assertThat(poster.page("/accounts")).contains("運用中（ポリシー変更の所属長承認待ち）");

        PageSession head = session(world.approver());
        String reviews = head.page("/accounts/reviews");
        String tone = row(reviews, "policy-change-" + id + "-tone");
        assertThat(tone).contains("表現の硬軟度合い").contains("親しみやすく").contains("やわらかく丁寧に").contains("変更あり");
        assertThat(row(reviews, "policy-change-" + id + "-name")).contains(name).contains("変更なし");
        assertThat(row(reviews, "policy-change-" + id + "-operators")).contains(world.poster());
        assertThat(reviews).contains("<caption>現在の版と変更案の比較</caption>").contains("（1 項目）");
        assertThat(head.submit("/accounts/reviews", "/accounts/" + id + "/review/approve", "comment=").body())
                .contains("承認しました");
        assertThat(head.page("/accounts/reviews")).doesNotContain("policy-change-" + id);

        PageSession pr = session(world.pr());
        assertThat(row(pr.page("/accounts/reviews"), "policy-change-" + id + "-tone")).contains("変更あり");
        assertThat(pr.submit("/accounts/reviews", "/accounts/" + id + "/review/approve", "comment=").body())
                .contains("承認しました");

        OfficialAccount changed = accounts.get(id);
        assertThat(changed.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(changed.policy().tone()).isEqualTo("やわらかく丁寧に");
        assertThat(changed.policyVersion()).isEqualTo(2);
        assertThat(poster.page(page)).contains("第 2 版（全 2 版）");
    }

    @Test
    void aPolicyChangeThePrDepartmentSendsBackLeavesThePolicyInForce() {
        World world = data.world();
        PageSession poster = session(world.poster());
        String name = "江津市 防災 LINE " + TestData.unique();
        HttpResponse<String> drafted = poster.submit("/accounts/new", "/accounts", policy(world, name, "簡潔に"));
        long id = Long.parseLong(drafted.uri().getPath().substring("/accounts/".length()));
        workflow.submit(world.poster(), id);
        workflow.approveAsDepartment(world.approver(), id, null);
        workflow.approveAsPr(world.pr(), id, null);
        String page = "/accounts/" + id;
        poster.submit(page, page + "/policy-change", policy(world, name + " 改", "簡潔に"));
        HttpResponse<String> again = poster.submit(page, page + "/policy-change", policy(world, name + " 別案", "簡潔に"));
        assertThat(again.statusCode()).isEqualTo(409);
        workflow.approveAsDepartment(world.approver(), id, null);

        PageSession pr = session(world.pr());
        assertThat(pr.submit("/accounts/reviews", "/accounts/" + id + "/review/reject", "comment=").body())
                .contains("差し戻しには理由のコメントが必要です");
        assertThat(pr.submit("/accounts/reviews", "/accounts/" + id + "/review/reject",
                "comment=" + enc("名称は一覧と合わせてください")).body()).contains("差し戻しました");

        OfficialAccount kept = accounts.get(id);
        assertThat(kept.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(kept.name()).isEqualTo(name);
        assertThat(kept.policyVersion()).isEqualTo(1);
        assertThat(poster.page(page)).contains("名称は一覧と合わせてください").contains("action=\"" + page + "/policy-change\"");
    }

    /** One row of a page's table, by its id. */
    private static String row(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void requestersAloneReachThePagesAnAdminChoosesTheDepartmentAndEveryFormNeedsItsCsrfToken() {
        World world = data.world();
        for (String other : new String[] {world.auditor(), world.pr2()}) {
            PageSession session = session(other);
            assertThat(session.get("/accounts").statusCode()).as(other).isEqualTo(403);
            assertThat(session.get("/accounts/new").statusCode()).as(other).isEqualTo(403);
            assertThat(session.page("/")).as(other).doesNotContain("href=\"/accounts\"");
        }
        PageSession admin = session(world.admin());
        String choose = admin.page("/accounts/new");
        assertThat(choose).contains("id=\"department-form\"").doesNotContain("id=\"policy-form\"");
        assertThat(admin.page("/accounts/new?department=" + world.departmentB().id()))
                .contains("id=\"policy-form\"").contains(world.approverB());
        assertThat(admin.page("/accounts")).contains("id=\"managed-" + world.lineB().id() + "\"");

        PageSession poster = session(world.poster());
        assertThat(poster.page("/accounts")).contains("id=\"managed-" + world.lineA().id() + "\"")
                .doesNotContain("id=\"managed-" + world.lineB().id() + "\"");
        String name = "CSRF 確認 " + TestData.unique();
        assertThat(poster.submitWithoutToken("/accounts", policy(world, name, "x")).statusCode()).isEqualTo(403);
        String page = "/accounts/" + world.lineA().id();
        assertThat(poster.submitWithoutToken(page + "/policy", policy(world, name, "x")).statusCode()).isEqualTo(403);
        assertThat(poster.submitWithoutToken(page + "/closing", "reason=x&closingDate=2099-01-01").statusCode())
                .isEqualTo(403);
        assertThat(poster.submitWithoutToken(page + "/submit", "").statusCode()).isEqualTo(403);
        assertThat(accounts.all()).noneMatch(a -> a.name().equals(name));
        assertThat(poster.get("/accounts/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aThreadsAccountShowsItsRollingPublishingQuotaOnTheAccountsPage() {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount threads = data.account(world.departmentA(), Platform.THREADS, "観光 Threads " + n,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), TestData.threadsCredentials(n));
        PageSession pr = session(world.pr());
        String quota = "/admin/accounts/" + threads.id() + "/quota";

        assertThat(pr.page("/admin/accounts")).contains("hx-get=\"" + quota + "\"");
        assertThat(pr.htmx(quota).body()).contains("24 時間の残り 250 件（上限 250 件、使用 0 件）");
    }

    @Test
    void theAccountsPageReadsEachPlatformQuotaOnlyWhenAsked() {
        World world = data.world();
        PageSession pr = session(world.pr());
        String token = "Bearer test-token-" + world.lineA().name().hashCode();
        String quota = "/admin/accounts/" + world.lineA().id() + "/quota";

        String page = pr.page("/admin/accounts");

        assertThat(page).contains("href=\"" + quota + "\"").contains("hx-get=\"" + quota + "\"")
                .contains("/admin/accounts/" + world.instagram().id() + "/quota")
                .doesNotContain("/admin/accounts/" + world.x().id() + "/quota");
        assertThat(SimulatedPlatforms.shared().server().findAll(getRequestedFor(urlPathEqualTo("/v2/bot/message/quota"))
                .withHeader("Authorization", equalTo(token)))).as("no platform request on page load").isEmpty();

        HttpResponse<String> fragment = pr.htmx(quota);

        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).doesNotContain("<html").contains("id=\"quota-" + world.lineA().id() + "\"")
                .contains("今月の残り 15,000 通（上限 15,000 通、使用 0 通）");
        assertThat(SimulatedPlatforms.shared().server().findAll(getRequestedFor(urlPathEqualTo("/v2/bot/message/quota"))
                .withHeader("Authorization", equalTo(token)))).hasSize(1);
        assertThat(pr.page("/admin/accounts/" + world.instagram().id() + "/quota")).contains("<html")
                .contains("24 時間の残り 100 件（上限 100 件、使用 0 件）");
        assertThat(pr.page("/admin/accounts/" + world.x().id() + "/quota")).contains("読み取れる送信数の上限がありません");
        assertThat(session(world.poster()).get(quota).statusCode()).isEqualTo(403);
    }

    /** The whole policy form of a LINE account of department A, as the browser sends it. */
    private static String policy(World world, String name, String tone) {
        return "platform=LINE&departmentId=" + world.departmentA().id() + "&name=" + enc(name)
                + "&url=" + enc("https://line.me/R/ti/p/@kosodate") + "&purpose=" + enc("子育て支援の情報を発信します")
                + "&administrator=" + world.approver() + "&operators=" + world.poster()
                + "&departmentApprovalRequired=true&replyPolicy=NO_REPLIES"
                + "&basicPrinciples=" + enc("正確な情報を発信します") + "&tone=" + enc(tone)
                + "&commentHandling=" + enc("コメントには返信しません");
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }
}
