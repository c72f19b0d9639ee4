package org.kohogateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/** Machine access: scoped, hashed, expiring, revocable, audited. */
class ApiTokensIntegrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    StaffDirectory staffDirectory;

    @Autowired
    ApiTokens apiTokens;

    @Autowired
    AccountWorkflow accountWorkflow;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTokensLastUseIsKeptToTheMinuteAndEveryUseStillChecksItsRolesOfToday() {
        World world = data.world();
        ApiTokens.Issued issued = apiTokens.issue(world.poster(), new ApiTokens.NewToken("bot", null,
                Set.of(Role.POSTER), null, clock.instant().plus(Duration.ofDays(1)), false), false);
        long id = issued.token().id();

        assertThat(apiTokens.authenticate(issued.secret())).get().extracting(ApiTokens.Grant::roles)
                .isEqualTo(Set.of(Role.POSTER));
        var first = lastUsed(id);
        clock.advance(Duration.ofSeconds(59));
        apiTokens.authenticate(issued.secret());
        assertThat(lastUsed(id)).as("a use within the minute leaves the row alone").isEqualTo(first);
        clock.advance(Duration.ofSeconds(2));
        apiTokens.authenticate(issued.secret());
        assertThat(lastUsed(id)).isEqualTo(clock.instant());

        jdbc.sql("delete from staff_role where staff_id = (select id from staff where username = :u)")
                .param("u", world.poster()).update();
        assertThat(apiTokens.authenticate(issued.secret())).as("the holder lost the role the token was given")
                .get().extracting(ApiTokens.Grant::roles).isEqualTo(Set.of());
    }

    private Instant lastUsed(long tokenId) {
        return jdbc.sql("select last_used_at from api_token where id = :id").param("id", tokenId)
                .query(Timestamp.class).single().toInstant();
    }

    @Test
    void aCmsTokenPostsPressReleasesOnlyWithinItsRolesAndAccounts() throws Exception {
        World world = data.world();
        var issued = basic(world.pr()).post("/api/tokens", Api.json(Map.of("name", "CMS 報道発表",
                "roles", List.of("PR_OFFICER"), "accountIds", List.of(world.cityLine().id()),
                "expiresAt", clock.instant().plus(Duration.ofDays(30)).toString())));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();
        long id = issued.json().get("token").get("id").asLong();

        var inScope = bearer(secret, "POST", "/api/posts", Api.json(Map.of("text", "報道発表: 新庁舎の開庁について",
                "category", "PRESS_RELEASE", "accountIds", List.of(world.cityLine().id()),
                "sourceUrl", "https://www.city.gotsu.lg.jp/press/2026/1.html")));
        assertThat(inScope.statusCode()).as(inScope.body()).isEqualTo(201);
        assertThat(bearer(secret, "POST", "/api/posts", Api.json(Map.of("text", "範囲外", "category", "NOTICE",
                "accountIds", List.of(world.lineA().id()), "sourceUrl", "https://www.city.gotsu.lg.jp/p"))).statusCode())
                .as("account outside the token's scope").isEqualTo(403);
        String postId = tools.jackson.databind.json.JsonMapper.builder().build().readTree(inScope.body()).get("id")
                .asString();
        assertThat(bearer(secret, "POST", "/api/posts/" + postId + "/emergency-override",
                Api.json(Map.of("reason", "x"))).statusCode()).as("a role the token was not given").isEqualTo(403);
        var poster = basic(world.both()).post("/api/tokens", Api.json(Map.of("name", "投稿だけ",
                "roles", List.of("POSTER"), "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString())));
        assertThat(bearer(poster.json().get("secret").asString(), "POST", "/api/posts/" + postId + "/approve", null)
                .statusCode()).as("its staff member approves, the token was not given that").isEqualTo(403);
        assertThat(bearer(secret, "GET", "/api/audit", null).statusCode()).isEqualTo(403);

        String stored = jdbc.sql("select token_hash from api_token where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(stored).isNotEqualTo(secret).doesNotContain(secret.substring(4));
        assertThat(api(world.admin()).get("/api/tokens").body()).doesNotContain(secret);

        assertThat(api(world.admin()).send("DELETE", "/api/tokens/" + id, null).status()).isEqualTo(204);
        assertThat(bearer(secret, "GET", "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=API_TOKEN&subjectId=" + id).body())
                .contains("API_TOKEN_ISSUED").contains("API_TOKEN_REVOKED").doesNotContain(secret);
    }

    @Test
    void expiredUnknownAndOverreachingTokensAreRefused() throws Exception {
        World world = data.world();
        var issued = basic(world.poster()).post("/api/tokens", Api.json(Map.of("name", "短命",
                "roles", List.of("POSTER"), "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString())));
        String secret = issued.json().get("secret").asString();
        assertThat(bearer(secret, "GET", "/api/me", null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        assertThat(bearer(secret, "GET", "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(bearer("kgw_not-a-token", "GET", "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(basic(world.poster()).post("/api/tokens", Api.json(Map.of("name", "越権",
                "roles", List.of("ADMIN"), "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).status())
                .isEqualTo(400);
        assertThat(bearer(secretOf(world.auditor(), Set.of(Role.AUDITOR), false), "POST", "/api/tokens",
                Api.json(Map.of("name", "トークンからトークン", "roles", List.of("AUDITOR"),
                        "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).statusCode())
                .as("a token does not mint tokens").isEqualTo(403);
    }

    @Test
    void tokensTakeOnlyTheStateChangesTheirRolesAndAccountsAllow() throws Exception {
        World world = data.world();
        String scoped = basic(world.pr()).post("/api/tokens", Api.json(Map.of("name", "CMS 一部の公式アカウント",
                "roles", List.of("PR_OFFICER"), "accountIds", List.of(world.lineAFree().id()),
                "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).json().get("secret").asString();
        String posterOnly = basic(world.pr()).post("/api/tokens", Api.json(Map.of("name", "投稿だけ",
                "roles", List.of("POSTER"),
                "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).json().get("secret").asString();
        long account = world.lineAFree().id();

        assertThat(bearer(posterOnly, "POST", "/api/accounts/" + account + "/pr-approve", null).statusCode())
                .as("the person is a PR officer, the token was given POSTER only").isEqualTo(403);
        assertThat(bearer(scoped, "POST", "/api/accounts/" + account + "/pr-approve", null).statusCode())
                .as("the account registry is out of an account-limited token's reach").isEqualTo(403);
        assertThat(bearer(scoped, "POST", "/api/crisis/pause", Api.json(Map.of("reason", "炎上"))).statusCode())
                .as("pause everything with an account-limited token").isEqualTo(403);

        Post outOfScope = workflow.submit(world.pr(), data.draft(world.pr(), "範囲外の投稿 " + TestData.unique(), null,
                world.cityLine()).id());
        for (String action : List.of("withdraw", "cancel")) {
            assertThat(bearer(scoped, "POST", "/api/posts/" + outOfScope.id() + "/" + action,
                    Api.json(Map.of("comment", "x"))).statusCode()).as(action).isEqualTo(403);
        }
        assertThat(workflow.get(outOfScope.id()).status()).isEqualTo(PostStatus.SUBMITTED);
    }

    @Test
    void anAccountLimitedTokenReadsNeitherTheFeedNorTheRoleGrantsAndItsInboxHoldsOnlyItsAccountsPosts()
            throws Exception {
        World world = data.world();
        String here = scopedToken(world.pr2(), world.lineAFree().id());
        String elsewhere = scopedToken(world.pr2(), world.lineA().id());
        String post = workflow.submit(world.poster(), data.draft(world.poster(), "広報が承認 " + TestData.unique(),
                null, world.lineAFree()).id()).id().toString();

        assertThat(bearer(here, "GET", "/api/feed/polls", null).statusCode())
                .as("the feed's polls are no one account's").isEqualTo(403);
        assertThat(bearer(here, "GET", "/api/staff/grants", null).statusCode())
                .as("role grants are no account's").isEqualTo(403);
        var inScope = bearer(here, "GET", "/api/inbox", null);
        assertThat(inScope.statusCode()).isEqualTo(200);
        assertThat(inScope.body()).as("a post to the token's account").contains(post);
        assertThat(bearer(elsewhere, "GET", "/api/inbox", null).body()).as("a token of another account")
                .doesNotContain(post);
        assertThat(api(world.pr2()).get("/api/inbox").body()).as("the person, without a token").contains(post);
        assertThat(api(world.auditor()).get("/api/inbox").json().size()).as("an auditor decides nothing").isZero();
    }

    private String scopedToken(String username, long accountId) {
        return basic(username).post("/api/tokens", Api.json(Map.of("name", "CMS 一つの公式アカウント",
                "roles", List.of("PR_OFFICER"), "accountIds", List.of(accountId),
                "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).json().get("secret").asString();
    }

    @Test
    void aPrOnlyTokenOfAnApproverWhoIsAlsoPrCannotApproveADepartmentPost() throws Exception {
        World world = data.world();
        // the PR department's head: its approver and a PR officer (PR_OFFICER is held in the PR department only)
        String approverAndPr = "apr-" + TestData.unique();
        staffDirectory.addStaff(approverAndPr, approverAndPr, TestData.PASSWORD,
                staffDirectory.byUsername(world.pr()).departmentId(), EnumSet.of(Role.APPROVER, Role.PR_OFFICER));
        Post submitted = workflow.submit(world.pr(), data.draft(world.pr(), "部の投稿 " + TestData.unique(),
                null, world.cityLine()).id());
        String prOnly = secretOf(approverAndPr, Set.of(Role.PR_OFFICER), true);

        var approve = bearer(prOnly, "POST", "/api/posts/" + submitted.id() + "/approve",
                Api.json(Map.of("contentHash", submitted.contentHash())));

        assertThat(approve.statusCode()).as(approve.body()).isEqualTo(403);
        assertThat(workflow.get(submitted.id()).status()).isEqualTo(PostStatus.SUBMITTED);
    }

    @Test
    void aPosterTokenOfAPrOfficerCannotCancelAnotherPersonsPrApprovedPost() throws Exception {
        World world = data.world();
        Post post = workflow.submit(world.poster(), data.draft(world.poster(), "承認不要の投稿 " + TestData.unique(),
                clock.instant().plus(Duration.ofDays(1)), world.lineAFree()).id());
        workflow.approve(world.pr2(), post.id(), "ok", Set.of(), post.contentHash());
        String posterOnly = secretOf(world.pr(), Set.of(Role.POSTER), true);

        var cancel = bearer(posterOnly, "POST", "/api/posts/" + post.id() + "/cancel",
                Api.json(Map.of("comment", "取り消し")));

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(403);
        assertThat(workflow.get(post.id()).status()).isEqualTo(PostStatus.APPROVED);
    }

    @Test
    void anAuditEntryMadeThroughATokenNamesTheTokenAndKeepsThePersonAsActor() throws Exception {
        World world = data.world();
        String secret = secretOf(world.poster(), Set.of(Role.POSTER), false);
        var created = bearer(secret, "POST", "/api/posts", Api.json(Map.of("text", "トークンで下書き " + TestData.unique(),
                "category", "NOTICE", "accountIds", List.of(world.lineA().id()))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String postId = JSON.readTree(created.body()).get("id").asString();
        long tokenId = jdbc.sql("select max(id) from api_token").query(Long.class).single();

        var entry = jdbc.sql("select actor, detail ->> 'token' as token from audit_entry where subject_id = :id")
                .param("id", postId).query((rs, n) -> List.of(rs.getString("actor"), String.valueOf(rs.getString("token"))))
                .list();

        assertThat(entry).isNotEmpty().allSatisfy(e -> assertThat(e).containsExactly(world.poster(),
                Long.toString(tokenId)));
    }

    @Test
    void nobodyIssuesATokenThatActsForSomeoneElseNotEvenAnAdmin() {
        World world = data.world();
        assertThatThrownBy(() -> apiTokens.issue(world.admin(), new ApiTokens.NewToken("代理", world.poster(),
                Set.of(Role.POSTER), null, clock.instant().plus(Duration.ofDays(1)), false), true))
                .isInstanceOf(NotPermittedException.class);
        var overHttp = basic(world.pr()).post("/api/tokens", Api.json(Map.of("name", "代理", "actsAs", world.pr2(),
                "roles", List.of("PR_OFFICER"), "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString())));
        assertThat(overHttp.status()).as(overHttp.toString()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from api_token t join staff s on s.id = t.staff_id where s.username in (:u)")
                .param("u", List.of(world.poster(), world.pr2())).query(Long.class).single()).isZero();
    }

    @Test
    void aTokenWithoutDecisionScopeIsRefusedApproveRejectPublishAndOverride() throws Exception {
        World world = data.world();
        Post submitted = workflow.submit(world.poster(), data.draft(world.poster(), "判断 " + TestData.unique(), null,
                world.lineA()).id());
        String approver = secretOf(world.approver(), Set.of(Role.APPROVER), false);
        String pr = secretOf(world.pr(), Set.of(Role.PR_OFFICER), false);
        String admin = secretOf(world.admin(), Set.of(Role.ADMIN), false);
        String decision = Api.json(Map.of("comment", "判断", "contentHash", submitted.contentHash()));

        assertThat(bearer(approver, "POST", "/api/posts/" + submitted.id() + "/approve", decision).statusCode())
                .isEqualTo(403);
        assertThat(bearer(approver, "POST", "/api/posts/" + submitted.id() + "/reject", decision).statusCode())
                .isEqualTo(403);
        assertThat(bearer(pr, "POST", "/api/posts/" + submitted.id() + "/publish", null).statusCode()).isEqualTo(403);
        assertThat(bearer(admin, "POST", "/api/posts/" + submitted.id() + "/emergency-override",
                Api.json(Map.of("reason", "緊急"))).statusCode()).isEqualTo(403);
        assertThat(workflow.get(submitted.id()).status()).isEqualTo(PostStatus.SUBMITTED);

        var decided = bearer(secretOf(world.approver(), Set.of(Role.APPROVER), true), "POST",
                "/api/posts/" + submitted.id() + "/approve", decision);
        assertThat(decided.statusCode()).as("issued for decisions after a second factor").isEqualTo(200);
    }

    @Test
    void aTokenWithoutDecisionScopeIsRefusedTheDecisionsOnAnAccountRequest() {
        World world = data.world();
        String name = "審査 LINE " + TestData.unique();
        long requested = accountWorkflow.submit(world.poster(), accountWorkflow.draft(world.poster(), Platform.LINE,
                world.departmentA().id(), new PolicyDraft(name, "https://line.me/R/ti/p/@" + Math.abs(name.hashCode()),
                        "観光情報の発信", world.approver(), List.of(world.poster()), true, ReplyPolicy.NO_REPLIES,
                        "正確な情報", "丁寧", "返信しない")).id()).id();
        String approver = secretOf(world.approver(), Set.of(Role.APPROVER), false);

        for (String decision : List.of("department-approve", "department-reject")) {
            var answer = Api.withToken(port, approver).post("/api/accounts/" + requested + "/" + decision,
                    Api.json(Map.of("comment", "判断")));
            assertThat(answer.status()).as(decision + " " + answer).isEqualTo(403);
        }
        assertThat(accountWorkflow.approveAsDepartment(world.approver(), requested, "ok").status())
                .as("the request still waited for its department head").isEqualTo(AccountStatus.PENDING_PR);
        var decided = Api.withToken(port, secretOf(world.pr2(), Set.of(Role.PR_OFFICER), false))
                .post("/api/accounts/" + requested + "/pr-approve", Api.json(Map.of("comment", "判断")));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(403);
    }

    @Test
    void aTokenForDecisionsIsIssuedOnlyWithTheSecondFactor() {
        World world = data.world();
        var withoutCode = basic(world.approver()).post("/api/tokens", Api.json(Map.of("name", "承認用",
                "roles", List.of("APPROVER"), "decides", true,
                "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString())));
        assertThat(withoutCode.status()).as(withoutCode.toString()).isEqualTo(403);
        assertThatThrownBy(() -> apiTokens.issue(world.approver(), new ApiTokens.NewToken("承認用", null,
                Set.of(Role.APPROVER), null, clock.instant().plus(Duration.ofDays(1)), true), false))
                .isInstanceOf(NotPermittedException.class);
    }

    @Test
    void anApprovalThatDoesNotSayWhichVersionWasReviewedIsRefusedWith400() {
        World world = data.world();
        Post submitted = workflow.submit(world.poster(), data.draft(world.poster(), "版 " + TestData.unique(), null,
                world.lineA()).id());

        var approve = basic(world.approver()).post("/api/posts/" + submitted.id() + "/approve",
                Api.json(Map.of("comment", "見ていない")));

        assertThat(approve.status()).as(approve.toString()).isEqualTo(400);
        assertThat(approve.body()).contains("contentHash");
        assertThat(workflow.get(submitted.id()).status()).isEqualTo(PostStatus.SUBMITTED);
    }

    /** A token its person issued, for decisions (as if with their second factor) or not. */
    private String secretOf(String person, Set<Role> roles, boolean decides) {
        return apiTokens.issue(person, new ApiTokens.NewToken("テスト", null, roles, null,
                clock.instant().plus(Duration.ofDays(1)), decides), decides).secret();
    }

    private HttpResponse<String> bearer(String secret, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + secret).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
