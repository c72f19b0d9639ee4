package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.RuleId;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.security.ApiTokens;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The account registry through the HTTP API, as each role would call it, down to the audit trail and the outbox. */
class AccountRegistryIntegrationTest extends IntegrationTest {

    @Autowired
    AccountClosings closings;

    @Autowired
    AuditTrail audit;

    @Autowired
    PostWorkflow posts;

    @Autowired
    OfficialAccounts accounts;

    @Autowired
    ApiTokens apiTokens;

    private World world;

    @BeforeEach
    void world() {
        world = data.world();
    }

    private Map<String, Object> policy(String name) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", name);
        policy.put("url", "https://x.com/gotsu_kanko");
        policy.put("purpose", "観光・イベント情報の発信");
        policy.put("administrator", world.approver());
        policy.put("operators", List.of(world.poster()));
        policy.put("departmentApprovalRequired", true);
        policy.put("replyPolicy", "NO_REPLIES");
        policy.put("basicPrinciples", "正確で分かりやすい情報を発信します。");
        policy.put("tone", "親しみやすい表現");
        policy.put("commentHandling", "");
        return policy;
    }

    private long drafted(String name) {
        var created = api(world.poster()).post("/api/accounts", Api.json(Map.of("platform", "X",
                "departmentId", world.departmentA().id(), "policy", policy(name))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long active(String name) {
        long id = drafted(name);
        step(world.poster(), id, "submit", null);
        step(world.approver(), id, "department-approve", "承認");
        step(world.pr(), id, "pr-approve", "審査済み");
        return id;
    }

    private JsonNode step(String who, long id, String action, String comment) {
        var response = api(who).post("/api/accounts/" + id + "/" + action,
                comment == null ? null : Api.json(Map.of("comment", comment)));
        assertThat(response.status()).as(action + " " + response).isEqualTo(200);
        return response.json();
    }

    private String status(long id) {
        return api(world.auditor()).get("/api/accounts/" + id).json().get("status").asString();
    }

    private static void assertRefused(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
    }

    @Test
    void openingWalksDraftDepartmentHeadPrDepartmentToActiveAndIsAudited() {
        long id = drafted("江津市観光 X");
        JsonNode draft = api(world.auditor()).get("/api/accounts/" + id).json();
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("administrator").asString()).isEqualTo(world.approver());
        assertThat(draft.get("operators").get(0).asString()).isEqualTo(world.poster());
        assertThat(draft.get("policyVersion").asInt()).isEqualTo(1);

        assertThat(step(world.poster(), id, "submit", null).get("status").asString()).isEqualTo("PENDING_DEPARTMENT");
        assertThat(step(world.approver(), id, "department-approve", "承認します").get("status").asString())
                .isEqualTo("PENDING_PR");
        JsonNode active = step(world.pr(), id, "pr-approve", "審査しました");

        assertThat(active.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(active.get("decisionComment").asString()).isEqualTo("審査しました");
        assertThat(audit.find(new AuditQuery("ACCOUNT", Long.toString(id), null, 50)))
                .extracting(e -> e.actor() + " " + e.action() + " " + e.afterState())
                .containsExactly(
                        // activation reads the live profile; the new account has no credentials yet, so it says so
                        world.pr() + " PROFILE_COMPLIANCE_CHANGED READ_FAILED",
                        world.pr() + " ACCOUNT_OPENING_PR_APPROVED ACTIVE",
                        world.approver() + " ACCOUNT_OPENING_DEPARTMENT_APPROVED PENDING_PR",
                        world.poster() + " ACCOUNT_SUBMITTED PENDING_DEPARTMENT",
                        world.poster() + " ACCOUNT_DRAFTED DRAFT");
    }

    @Test
    void wrongRolesAreRefusedAtEveryStepAndNothingMoves() {
        long id = drafted("江津市観光 X");
        assertRefused(api(world.auditor()).post("/api/accounts/" + id + "/submit", null), 403, "account.notManager");
        assertRefused(api(world.approverB()).post("/api/accounts/" + id + "/submit", null), 403, "account.notManager");
        assertRefused(api(world.approver()).post("/api/accounts/" + id + "/department-approve", null), 409,
                "account.illegalTransition");
        step(world.poster(), id, "submit", null);

        assertRefused(api(world.poster()).post("/api/accounts/" + id + "/department-approve", null), 403,
                "account.notApprover");
        assertRefused(api(world.approverB()).post("/api/accounts/" + id + "/department-approve", null), 403,
                "account.wrongDepartment");
        assertRefused(api(world.pr()).post("/api/accounts/" + id + "/department-approve", null), 403,
                "account.notApprover");
        var early = api(world.pr()).post("/api/accounts/" + id + "/pr-approve", null);
        assertRefused(early, 409, "account.illegalTransition");
        assertThat(early.json().get("detail").asString()).contains("PENDING_DEPARTMENT");
        assertThat(status(id)).isEqualTo("PENDING_DEPARTMENT");

        step(world.approver(), id, "department-approve", null);
        assertRefused(api(world.approver()).post("/api/accounts/" + id + "/pr-approve", null), 403, "account.needsPr");
        // an admin is no PR officer (refused before the domain: their API token carries no PR_OFFICER role)
        assertThat(api(world.admin()).post("/api/accounts/" + id + "/pr-reject", Api.json(Map.of("comment", "不可")))
                .status()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("PENDING_PR");
    }

    @Test
    void rejectionsSendTheDraftBackWithTheirComment() {
        long id = drafted("江津市観光 X");
        step(world.poster(), id, "submit", null);
        assertRefused(api(world.approver()).post("/api/accounts/" + id + "/department-reject", null), 400,
                "account.rejectNeedsComment");

        JsonNode back = step(world.approver(), id, "department-reject", "目的をもっと具体的に");
        assertThat(back.get("status").asString()).isEqualTo("DRAFT");
        assertThat(back.get("decisionComment").asString()).isEqualTo("目的をもっと具体的に");

        step(world.poster(), id, "submit", null);
        step(world.approver(), id, "department-approve", null);
        assertThat(step(world.pr(), id, "pr-reject", "返信方針を確認してください").get("status").asString())
                .isEqualTo("DRAFT");
    }

    @Test
    void onlyAccountsInServiceTakePosts() {
        long id = drafted("江津市観光 X");
        var refused = api(world.poster()).post("/api/posts", Api.json(Map.of("text", "お知らせ", "category", "NOTICE",
                "accountIds", List.of(id))));
        assertRefused(refused, 400, "post.accountNotActive");

        step(world.poster(), id, "submit", null);
        step(world.approver(), id, "department-approve", null);
        step(world.pr(), id, "pr-approve", null);

        var taken = api(world.poster()).post("/api/posts", Api.json(Map.of("text", "お知らせ", "category", "NOTICE",
                "accountIds", List.of(id))));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
    }

    private JsonNode proposed(String who, long id, Map<String, Object> policy) {
        var response = api(who).post("/api/accounts/" + id + "/policy-change", Api.json(policy));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aPolicyChangeInServiceWalksDepartmentHeadThenPrAndOnlyThenBecomesTheNewVersion() {
        long id = active("江津市観光 X");
        Post first = data.approvedPost(world, "秋祭りのお知らせ", Instant.now().plus(Duration.ofDays(1)), account(id));
        assertThat(first.deliveries()).singleElement().satisfies(d -> assertThat(d.policyVersion()).isEqualTo(1));
        assertRefused(api(world.poster()).put("/api/accounts/" + id + "/policy", Api.json(policy("江津市観光 X 改"))),
                409, "account.illegalTransition");

        JsonNode pending = proposed(world.poster(), id, policy("江津市観光 X 改"));

        assertThat(pending.get("status").asString()).isEqualTo("CHANGE_PENDING_DEPARTMENT");
        assertThat(pending.get("name").asString()).as("the policy in force").isEqualTo("江津市観光 X");
        assertThat(pending.get("policyVersion").asInt()).isEqualTo(1);
        assertThat(pending.get("proposedPolicy").get("name").asString()).isEqualTo("江津市観光 X 改");
        assertThat(pending.get("proposedChanges").toString()).isEqualTo("[\"name\"]");
        assertRefused(api(world.approver()).post("/api/accounts/" + id + "/policy-change",
                Api.json(policy("江津市観光 X 別案"))), 409, "account.policyChangePending");
        assertRefused(api(world.poster()).post("/api/accounts/" + id + "/closing", Api.json(Map.of("reason", "理由",
                "closingDate", LocalDate.ofInstant(clock.instant(), AccountWorkflow.CITY_TIME).toString()))), 409,
                "account.policyChangePending");
        assertRefused(api(world.pr()).post("/api/accounts/" + id + "/pr-approve", null), 409,
                "account.illegalTransition");
        Post during = data.approvedPost(world, "冬祭りのお知らせ", Instant.now().plus(Duration.ofDays(1)), account(id));
        assertThat(during.deliveries()).singleElement().satisfies(d -> assertThat(d.policyVersion()).isEqualTo(1));

        assertThat(step(world.approver(), id, "department-approve", "了承").get("status").asString())
                .isEqualTo("CHANGE_PENDING_PR");
        assertThat(status(id)).isEqualTo("CHANGE_PENDING_PR");
        JsonNode approved = step(world.pr(), id, "pr-approve", "審査しました");

        assertThat(approved.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(approved.get("name").asString()).isEqualTo("江津市観光 X 改");
        assertThat(approved.get("policyVersion").asInt()).isEqualTo(2);
        assertThat(approved.get("proposedPolicy").isNull()).isTrue();
        JsonNode versions = api(world.auditor()).get("/api/accounts/" + id + "/policy/versions").json();
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(versions.get(0).get("snapshot").get("name").asString()).isEqualTo("江津市観光 X 改");
        assertThat(versions.get(0).get("changedBy").asString()).isEqualTo(world.pr());
        assertThat(versions.get(1).get("snapshot").get("name").asString()).isEqualTo("江津市観光 X");
        assertThat(audit.find(new AuditQuery("ACCOUNT", Long.toString(id), null, 4)))
                .extracting(e -> e.actor() + " " + e.action() + " " + e.afterState())
                .containsExactly(
                        world.pr() + " ACCOUNT_POLICY_CHANGED ACTIVE",
                        world.pr() + " ACCOUNT_POLICY_CHANGE_PR_APPROVED ACTIVE",
                        world.approver() + " ACCOUNT_POLICY_CHANGE_DEPARTMENT_APPROVED CHANGE_PENDING_PR",
                        world.poster() + " ACCOUNT_POLICY_CHANGE_PROPOSED CHANGE_PENDING_DEPARTMENT");

        Post second = data.approvedPost(world, "新年のお知らせ", Instant.now().plus(Duration.ofDays(1)), account(id));
        assertThat(second.deliveries()).singleElement().satisfies(d -> assertThat(d.policyVersion()).isEqualTo(2));
        assertThat(posts.get(first.id()).deliveries().getFirst().policyVersion()).isEqualTo(1);
    }

    /** The published address is what residents check an account against: https on the platform's own host only. */
    @Test
    void theAccountsAddressMustBeHttpsOnThePlatformsOwnHost() {
        for (String url : List.of("https://bit.ly/gotsu", "http://x.com/gotsu_kanko", "https://x.com.example.jp/gotsu",
                "https://www.facebook.com/gotsu", "https://user@x.com/gotsu", "https://t.co/abc")) {
            Map<String, Object> policy = policy("江津市観光 X");
            policy.put("url", url);
            assertRefused(api(world.poster()).post("/api/accounts", Api.json(Map.of("platform", "X",
                    "departmentId", world.departmentA().id(), "policy", policy))), 400, "account.badUrl");
        }
        for (String url : List.of("https://x.com/gotsu_kanko", "https://twitter.com/gotsu_kanko",
                "https://www.x.com/gotsu_kanko")) {
            Map<String, Object> policy = policy("江津市観光 X");
            policy.put("url", url);
            assertThat(api(world.poster()).post("/api/accounts", Api.json(Map.of("platform", "X",
                    "departmentId", world.departmentA().id(), "policy", policy))).status()).as(url).isEqualTo(201);
        }
    }

    @Test
    void whileAChangeOfRouteAndRepliesIsPendingPostsFollowThePolicyInForce() {
        long id = active("江津市観光 X");
        Map<String, Object> next = policy("江津市観光 X");
        next.put("departmentApprovalRequired", false);
        next.put("replyPolicy", "REPLIES_ALLOWED");
        NewPost reply = new NewPost("ご質問ありがとうございます", List.of(), List.of(), PostCategory.NOTICE, List.of(id),
                null, null, URI.create("https://x.com/someone/status/1234567890"), null, null, null);

        JsonNode pending = proposed(world.poster(), id, next);
        assertThat(pending.get("proposedChanges").toString())
                .isEqualTo("[\"departmentApprovalRequired\",\"replyPolicy\"]");
        assertFollowsOldPolicy(id, reply);
        step(world.approver(), id, "department-approve", null);
        assertFollowsOldPolicy(id, reply);

        step(world.pr(), id, "pr-approve", null);

        assertThat(data.draft(world.poster(), "新しい経路", null, account(id)).route()).isEqualTo(ApprovalRoute.PR_REVIEW);
        assertThat(posts.check(world.poster(), reply)).extracting(Finding::rule).doesNotContain(RuleId.NO_REPLY);
    }

    private void assertFollowsOldPolicy(long id, NewPost reply) {
        assertThat(data.draft(world.poster(), "審査中の投稿", null, account(id)).route())
                .as("department approval still required").isEqualTo(ApprovalRoute.DEPARTMENT);
        assertThat(posts.check(world.poster(), reply)).extracting(Finding::rule).as("no replies yet")
                .contains(RuleId.NO_REPLY);
    }

    @Test
    void aRejectedPolicyChangeLeavesThePolicyAsItWasAtEitherStep() {
        long id = active("江津市観光 X");
        proposed(world.poster(), id, policy("江津市観光 X 改"));
        assertRefused(api(world.approver()).post("/api/accounts/" + id + "/department-reject", null), 400,
                "account.rejectNeedsComment");

        JsonNode back = step(world.approver(), id, "department-reject", "名称は変えません");

        assertThat(back.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(back.get("name").asString()).isEqualTo("江津市観光 X");
        assertThat(back.get("policyVersion").asInt()).isEqualTo(1);
        assertThat(back.get("proposedPolicy").isNull()).isTrue();
        assertThat(back.get("decisionComment").asString()).isEqualTo("名称は変えません");

        proposed(world.poster(), id, policy("江津市観光 X 改"));
        step(world.approver(), id, "department-approve", null);
        JsonNode byPr = step(world.pr(), id, "pr-reject", "一覧の表記と合いません");
        assertThat(byPr.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(byPr.get("name").asString()).isEqualTo("江津市観光 X");
        assertThat(api(world.auditor()).get("/api/accounts/" + id + "/policy/versions").json().size()).isEqualTo(1);
        assertThat(audit.find(new AuditQuery("ACCOUNT", Long.toString(id), null, 1)).getFirst().action())
                .isEqualTo("ACCOUNT_POLICY_CHANGE_PR_REJECTED");
    }

    @Test
    void nobodyApprovesTheirOwnPolicyChange() {
        long id = active("江津市観光 X");
        assertRefused(api(world.auditor()).post("/api/accounts/" + id + "/policy-change",
                Api.json(policy("江津市観光 X 別案"))), 403, "account.notManager");
        proposed(world.approver(), id, policy("江津市観光 X 改"));

        assertRefused(api(world.approver()).post("/api/accounts/" + id + "/department-approve", null), 403,
                "account.selfApproval");
        assertRefused(api(world.approverB()).post("/api/accounts/" + id + "/department-approve", null), 403,
                "account.wrongDepartment");
        assertThat(status(id)).isEqualTo("CHANGE_PENDING_DEPARTMENT");
    }

    @Test
    void accountDecisionsThroughATokenNeedTheDecisionScope() {
        long id = drafted("江津市観光 X");
        step(world.poster(), id, "submit", null);
        String noDecisions = apiTokens.issue(world.approver(), new ApiTokens.NewToken("連携", null,
                Set.of(Role.APPROVER), null, clock.instant().plus(Duration.ofDays(1)), false), false).secret();

        for (String action : List.of("department-approve", "department-reject")) {
            assertRefused(Api.withToken(port, noDecisions).post("/api/accounts/" + id + "/" + action,
                    Api.json(Map.of("comment", "トークンから"))), 403, "token.noDecisionScope");
        }
        assertThat(status(id)).isEqualTo("PENDING_DEPARTMENT");

        String decides = apiTokens.issue(world.approver(), new ApiTokens.NewToken("決裁", null,
                Set.of(Role.APPROVER), null, clock.instant().plus(Duration.ofDays(1)), true), true).secret();
        var approved = Api.withToken(port, decides).post("/api/accounts/" + id + "/department-approve", null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("PENDING_PR");
    }

    @Test
    void closingTakesEffectOnItsDateAndCancelsPendingDeliveriesWithTheReason() {
        long id = active("江津市観光 X");
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, AccountWorkflow.CITY_TIME);
        Post pending = data.approvedPost(world, "来月のお知らせ", now.plus(Duration.ofDays(30)), account(id),
                world.lineA2());
        var reason = "利用者の減少により、LINE での発信に一本化するため";

        var requested = api(world.poster()).post("/api/accounts/" + id + "/closing",
                Api.json(Map.of("reason", reason, "closingDate", today.plusDays(3).toString())));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
        assertThat(requested.json().get("status").asString()).isEqualTo("CLOSING_PENDING_DEPARTMENT");
        assertRefused(api(world.pr()).post("/api/accounts/" + id + "/pr-approve", null), 409,
                "account.illegalTransition");
        step(world.approver(), id, "department-approve", null);
        assertRefused(api(world.approverB()).post("/api/accounts/" + id + "/pr-approve", null), 403,
                "account.needsPr");
        assertThat(step(world.pr(), id, "pr-approve", null).get("status").asString()).isEqualTo("CLOSING_SCHEDULED");

        // the day before: still in service
        clock.set(ZonedDateTime.of(today.plusDays(2).atTime(23, 59), AccountWorkflow.CITY_TIME).toInstant());
        assertThat(closings.closeDue()).doesNotContain(id);
        assertThat(status(id)).isEqualTo("CLOSING_SCHEDULED");

        clock.set(ZonedDateTime.of(today.plusDays(3).atStartOfDay(), AccountWorkflow.CITY_TIME).toInstant());
        assertThat(closings.closeDue()).contains(id);

        assertThat(status(id)).isEqualTo("CLOSED");
        Post after = posts.get(pending.id());
        assertThat(after.deliveries()).filteredOn(d -> d.accountId() == id).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.CANCELLED));
        assertThat(after.deliveries()).filteredOn(d -> d.accountId() == world.lineA2().id()).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SCHEDULED));
        var cancelled = after.deliveries().stream().filter(d -> d.accountId() == id).findFirst().orElseThrow();
        assertThat(audit.find(new AuditQuery("DELIVERY", cancelled.id().toString(), null, 1))).singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo("DELIVERY_CANCELLED");
                    assertThat(e.actor()).isEqualTo(AuditTrail.SYSTEM);
                    assertThat(e.detail()).contains(reason);
                });
        assertThat(audit.find(new AuditQuery("ACCOUNT", Long.toString(id), null, 1)).getFirst().action())
                .isEqualTo("ACCOUNT_CLOSED");
        assertRefused(api(world.poster()).post("/api/posts", Api.json(Map.of("text", "お知らせ", "category", "NOTICE",
                "accountIds", List.of(id)))), 400, "post.accountNotActive");
    }

    @Test
    void closingRejectionKeepsTheAccountInService() {
        long id = active("江津市観光 X");
        api(world.poster()).post("/api/accounts/" + id + "/closing", Api.json(Map.of("reason", "理由",
                "closingDate", LocalDate.ofInstant(clock.instant(), AccountWorkflow.CITY_TIME).toString())));
        step(world.approver(), id, "department-approve", null);

        assertThat(step(world.pr(), id, "pr-reject", "継続してください").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(closings.closeDue()).doesNotContain(id);
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void policyTextIsJapaneseWithTheNoReplyStatementAndTheHomepage() {
        long id = active("江津市観光 X");

        JsonNode text = api(world.poster()).get("/api/accounts/" + id + "/policy/text").json();

        assertThat(text.get("profile").asString()).contains("公式アカウント").contains("コメントへの返信は行いません")
                .contains("https://www.city.gotsu.lg.jp").contains(world.departmentA().name());
        assertThat(text.get("pinned").asString()).contains("【江津市観光 X 運用ポリシー】")
                .contains("観光・イベント情報の発信").contains("正確で分かりやすい情報を発信します。").contains("親しみやすい表現")
                .contains("市政への提案").contains("https://www.city.gotsu.lg.jp");
        var profile = new org.kohogateway.connectors.ProfileReading.Profile("x", text.get("profile").asString(),
                java.util.Optional.empty());
        assertThat(ProfileCompliance.check(profile, ReplyPolicy.NO_REPLIES,
                java.net.URI.create("https://www.city.gotsu.lg.jp")).compliant())
                .as("the gateway's own profile text passes its own check").isTrue();
    }

    @Test
    void policyTextOfAnAccountThatRepliesHasNoNoReplyStatement() {
        JsonNode text = api(world.poster()).get("/api/accounts/" + world.lineAFree().id() + "/policy/text").json();

        assertThat(text.get("profile").asString()).doesNotContain("返信は行いません").contains("https://www.city.gotsu.lg.jp");
        assertThat(text.get("pinned").asString()).contains("必要に応じて返信します");
    }

    @Test
    void profileCheckOfALineAccountSaysItCannotBeChecked() {
        var result = api(world.poster()).post("/api/accounts/" + world.lineA().id() + "/profile-check",
                Api.json(Map.of("description", "https://www.city.gotsu.lg.jp")));

        assertThat(result.json().get("outcome").asString()).isEqualTo("NOT_CHECKABLE");
        assertThat(result.json().get("reason").asString()).contains("LINE").contains("プロフィール");
    }

    @Test
    void badDraftsAreRefusedWithTheFieldNamed() {
        Map<String, Object> httpUrl = policy("x");
        httpUrl.put("url", "http://x.com/gotsu");
        assertRefused(api(world.poster()).post("/api/accounts", Api.json(Map.of("platform", "X", "departmentId",
                world.departmentA().id(), "policy", httpUrl))), 400, "account.badUrl");
        Map<String, Object> outsider = policy("x");
        outsider.put("administrator", world.approverB());
        assertRefused(api(world.poster()).post("/api/accounts", Api.json(Map.of("platform", "X", "departmentId",
                world.departmentA().id(), "policy", outsider))), 400, "account.administratorNotInDepartment");
        Map<String, Object> notPoster = policy("x");
        notPoster.put("operators", List.of(world.auditor()));
        assertRefused(api(world.poster()).post("/api/accounts", Api.json(Map.of("platform", "X", "departmentId",
                world.departmentA().id(), "policy", notPoster))), 400, "account.operatorNotPoster");
        assertRefused(api(world.poster()).post("/api/accounts", Api.json(Map.of("platform", "X", "departmentId",
                world.departmentB().id(), "policy", policy("x")))), 400, "account.administratorNotInDepartment");
        assertRefused(api(world.auditor()).post("/api/accounts", Api.json(Map.of("platform", "X", "departmentId",
                world.departmentA().id(), "policy", policy("x")))), 403, "account.notManager");
    }

    private OfficialAccount account(long id) {
        return accounts.get(id);
    }
}
