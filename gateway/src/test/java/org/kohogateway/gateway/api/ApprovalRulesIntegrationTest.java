package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.api.Problems.assertProblem;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The approval routes and separation of duties (docs/guideline.md, "Roles and separation of duties", "Approval
 * routes"), through the HTTP API as each role would call it. Every refusal is followed by a check that the post did not
 * move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalRulesIntegrationTest extends IntegrationTest {

    private static final String PRESS_RELEASE = "https://www.city.gotsu.lg.jp/press/2025/11/autumn-festival.html";

    private World world;

    /** One world for the class: creating staff hashes passwords, and every test here works on its own posts. */
    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private StaffDirectory staff;

    /**
     * One world for the class: creating staff hashes passwords, and every test here works on its own posts. The
     * policies of A's and B's LINE accounts name the PR officer among their operators (with A's posters), as a policy
     * may: the tests here are about routes and departments, and only operators post to an account (§2).
     */
    @BeforeAll
    void world() {
        world = data.world();
        operate(world.lineA(), world.pr(), world.poster(), world.both());
        operate(world.lineB(), world.pr());
    }

    private void operate(OfficialAccount account, String... operators) {
        for (String operator : operators) {
            jdbc.sql("insert into account_operator (account_id, staff_id) values (:account, :staff)")
                    .param("account", account.id()).param("staff", staff.byUsername(operator).id()).update();
        }
    }

    // --- separation of duties (§1) ---

    @Test
    void rejectsSelfApprovalByPosterWhoIsAlsoApprover() {
        Api both = api(world.both());
        String id = submitted(both, post(world.lineA()));

        assertRefusal(both.post("/api/posts/" + id + "/approve", null), 403, "post.selfApproval");
        assertRefusal(both.post("/api/posts/" + id + "/reject", Api.json(Map.of("comment", "自分で差し戻し"))), 403,
                "post.selfApproval");
        assertStatus(id, "SUBMITTED");
        // the same post is approvable by the department's other approver: the refusal was about who, not what
        assertThat(status(api(world.approver()).approve(id, Map.of()))).isEqualTo("APPROVED");
    }

    @Test
    void rejectsApprovalByApproverOfAnotherDepartment() {
        String id = submitted(api(world.poster()), post(world.lineA()));

        assertRefusal(api(world.approverB()).post("/api/posts/" + id + "/approve", null), 403, "post.wrongDepartment");
        assertRefusal(api(world.approverB()).post("/api/posts/" + id + "/reject", Api.json(Map.of("comment", "不可"))),
                403, "post.wrongDepartment");
        assertStatus(id, "SUBMITTED");
    }

    @Test
    void rejectsApprovalByPoster() {
        String id = submitted(api(world.both()), post(world.lineA()));

        assertRefusal(api(world.poster()).post("/api/posts/" + id + "/approve", null), 403, "post.notApprover");
        assertStatus(id, "SUBMITTED");
    }

    @Test
    void rejectsPostCreationByAuditor() {
        Api auditor = api(world.auditor());
        assertRefusal(auditor.post("/api/posts", Api.json(post(world.lineA()))), 403, "post.notPoster");
        assertThat(auditor.get("/api/posts?mine=true").json().size()).isZero();
    }

    @Test
    void rejectsApprovalByAuditor() {
        String id = submitted(api(world.poster()), post(world.lineA()));

        assertRefusal(api(world.auditor()).post("/api/posts/" + id + "/approve", null), 403, "post.notApprover");
        assertStatus(id, "SUBMITTED");
    }

    // --- no-approval policy: PR reviews instead (§6-②) ---

    @Test
    void routesPostsToNoApprovalAccountsToPrReview() {
        Api poster = api(world.poster());
        JsonNode created = create(poster, post(world.lineAFree()));
        assertThat(created.get("route").asString()).isEqualTo("PR_REVIEW");
        String id = created.get("id").asString();
        submit(poster, id);

        assertThat(ids(api(world.approver()).get("/api/inbox").json())).doesNotContain(id);
        assertThat(ids(api(world.pr()).get("/api/inbox").json())).contains(id);
        assertRefusal(api(world.approver()).post("/api/posts/" + id + "/approve", null), 403, "post.needsPr");
        assertStatus(id, "SUBMITTED");

        JsonNode approved = api(world.pr()).approve(id, (Map.of("comment", "広報確認済み")))
                .json();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("decidedBy").asString()).isEqualTo(world.pr());
        assertThat(deliveryStatuses(approved)).containsOnly("SCHEDULED");
    }

    // --- PR direct publish of already-published city content (§6-① exception) ---

    @Test
    void prOfficerPublishesCitedCityContentDirectlyAndTheRouteIsAudited() {
        Api pr = api(world.pr());
        String source = SimulatedPlatforms.shared().cityPage("秋祭りを開催します｜江津市").toString();
        JsonNode created = create(pr, direct(source, world.cityLine(), world.cityLine2()));
        assertThat(created.get("route").asString()).isEqualTo("PR_DIRECT");
        String id = created.get("id").asString();

        // a direct post is never queued for someone else's approval
        assertProblem(pr.post("/api/posts/" + id + "/submit", null), 409);
        assertThat(ids(api(world.approver()).get("/api/inbox").json())).doesNotContain(id);

        JsonNode published = pr.post("/api/posts/" + id + "/publish", null).json();
        assertThat(published.get("status").asString()).as(published.toString()).isEqualTo("APPROVED");
        assertThat(published.get("sourceUrl").asString()).isEqualTo(source);
        assertThat(deliveryStatuses(published)).hasSize(2).containsOnly("SCHEDULED");

        JsonNode trail = api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + id).json();
        JsonNode direct = entry(trail, "POST_PUBLISHED_DIRECT");
        assertThat(direct.get("actor").asString()).isEqualTo(world.pr());
        assertThat(direct.get("detail").asString()).contains(source).contains("PR_DIRECT");
    }

    @Test
    void directPublishFetchesTheSourceAndRecordsItsTitleAndHashForAuditors() throws Exception {
        Api pr = api(world.pr());
        URI page = SimulatedPlatforms.shared().cityPage("報道発表 台風への備え");
        String id = create(pr, direct(page.toString(), world.cityLine())).get("id").asString();

        JsonNode published = pr.post("/api/posts/" + id + "/publish", null).json();

        byte[] body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://localhost:" + page.getPort() + page.getPath())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(body));
        JsonNode view = api(world.auditor()).get("/api/posts/" + id).json();
        assertThat(view.get("sourceTitle").asString()).as(published.toString()).isEqualTo("報道発表 台風への備え");
        assertThat(view.get("sourceSha256").asString()).isEqualTo(sha256);
        assertThat(view.get("sourceFetchedAt").isNull()).isFalse();
        JsonNode direct = entry(api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + id).json(),
                "POST_PUBLISHED_DIRECT");
        assertThat(direct.get("detail").asString()).contains("報道発表 台風への備え").contains(sha256);
    }

    @Test
    void refusesDirectPublishWhenTheSourceDoesNotAnswer200() {
        Api pr = api(world.pr());
        URI page = SimulatedPlatforms.shared().cityPage("削除された報道発表");
        URI missing = URI.create(page.toString().replace(".html", "-gone.html"));
        String id = create(pr, direct(missing.toString(), world.cityLine())).get("id").asString();

        assertRefusal(pr.post("/api/posts/" + id + "/publish", null), 400, "post.sourceUnavailable");
        assertStatus(id, "DRAFT");
    }

    @Test
    void refusesDirectPublishWhenTheSourceRedirectsOffTheOfficialDomain() {
        Api pr = api(world.pr());
        String path = "/press/moved-" + TestData.unique() + ".html";
        SimulatedPlatforms.shared().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(path)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(301)
                        .withHeader("Location", "https://www.example.com/fake-press.html")));
        String source = "http://" + SimulatedPlatforms.CITY_PAGES_HOST + ":"
                + SimulatedPlatforms.shared().server().port() + path;
        String id = create(pr, direct(source, world.cityLine())).get("id").asString();

        assertRefusal(pr.post("/api/posts/" + id + "/publish", null), 400, "post.sourceUnavailable");
        assertStatus(id, "DRAFT");
    }

    @Test
    void refusesDirectPublishThatDoesNotCiteItsSource() {
        Api pr = api(world.pr());
        String source = SimulatedPlatforms.shared().cityPage("引用されない報道発表").toString();
        Map<String, Object> request = post(world.cityLine());
        request.put("category", "PRESS_RELEASE");
        request.put("sourceUrl", source);
        String id = create(pr, request).get("id").asString();

        assertRefusal(pr.post("/api/posts/" + id + "/publish", null), 400, "post.sourceNotCited");
        assertStatus(id, "DRAFT");
    }

    @Test
    void aFindingThatNeedsAcknowledgementSendsADirectPublishToAnotherPrOfficer() {
        Api pr = api(world.pr());
        String source = SimulatedPlatforms.shared().cityPage("外部サイトの案内").toString();
        Map<String, Object> request = direct(source, world.cityLine());
        request.put("links", List.of(source, "https://www.example.com/partner"));
        String id = create(pr, request).get("id").asString();

        JsonNode sent = pr.post("/api/posts/" + id + "/publish", null).json();

        assertThat(sent.get("status").asString()).as(sent.toString()).isEqualTo("SUBMITTED");
        assertThat(sent.get("route").asString()).isEqualTo("PR_REVIEW");
        assertRefusal(pr.post("/api/posts/" + id + "/approve", null), 403, "post.selfApproval");
        assertThat(ids(api(world.pr2()).get("/api/inbox").json())).contains(id);
        List<String> keys = Api.each(sent.get("findings"), "key");
        assertThat(keys).isNotEmpty();
        JsonNode approved = api(world.pr2()).approve(id,
                (Map.of("acknowledge", keys))).json();
        assertThat(approved.get("status").asString()).as(approved.toString()).isEqualTo("APPROVED");
        assertThat(approved.get("decidedBy").asString()).isEqualTo(world.pr2());
    }

    @Test
    void aDirectPublishGoesOnlyToThePrDepartmentsOwnAccountsOthersNeedTheirDepartmentsApproval() {
        Api pr = api(world.pr());
        String source = SimulatedPlatforms.shared().cityPage("観光課の催し").toString();
        int before = mine(pr);

        assertRefusal(pr.post("/api/posts", Api.json(direct(source, world.lineA()))), 403, "post.directNotPrAccount");
        assertRefusal(pr.post("/api/posts", Api.json(direct(source, world.cityLine(), world.lineA()))), 403,
                "post.directNotPrAccount");
        assertThat(mine(pr)).isEqualTo(before);
        Map<String, Object> ordinary = direct(source, world.lineA());
        ordinary.remove("sourceUrl");
        assertThat(create(pr, ordinary).get("route").asString()).as("the department's approver decides")
                .isEqualTo("DEPARTMENT");
    }

    @Test
    void refusesDirectPublishOfPostWithoutSource() {
        Api pr = api(world.pr());
        String id = create(pr, post(world.lineA())).get("id").asString();

        assertRefusal(pr.post("/api/posts/" + id + "/publish", null), 403, "post.directOnlyPr");
        assertStatus(id, "DRAFT");
    }

    @Test
    void refusesSourceUrlFromPoster() {
        Api poster = api(world.poster());
        Map<String, Object> request = post(world.lineA());
        request.put("sourceUrl", PRESS_RELEASE);
        int before = mine(poster);

        assertRefusal(poster.post("/api/posts", Api.json(request)), 403, "post.directOnlyPr");
        assertThat(mine(poster)).isEqualTo(before);
    }

    // --- targets ---

    @Test
    void refusesPosterTargetingAnotherDepartmentsAccount() {
        Api poster = api(world.poster());
        int before = mine(poster);

        assertRefusal(poster.post("/api/posts", Api.json(post(world.lineB()))), 403, "post.accountNotYours");
        assertRefusal(poster.post("/api/posts", Api.json(post(world.lineA(), world.lineB()))), 403,
                "post.accountNotYours");
        assertThat(mine(poster)).isEqualTo(before);
    }

    @Test
    void refusesTargetsOfSeveralDepartments() {
        Api pr = api(world.pr());
        int before = mine(pr);

        assertRefusal(pr.post("/api/posts", Api.json(post(world.lineA(), world.lineB()))), 400, "post.mixedDepartments");
        assertThat(mine(pr)).isEqualTo(before);
    }

    @Test
    void refusesTargetsWithDifferentApprovalRoutes() {
        Api poster = api(world.poster());
        int before = mine(poster);

        assertRefusal(poster.post("/api/posts", Api.json(post(world.lineA(), world.lineAFree()))), 400,
                "post.mixedRoutes");
        assertThat(mine(poster)).isEqualTo(before);
    }

    // --- approval is bound to the content; late approval holds (§3-4) ---

    @Test
    void editingAnApprovedPostVoidsTheApproval() {
        Api poster = api(world.poster());
        String id = submitted(poster, post(world.lineA()));
        JsonNode approved = api(world.approver()).approve(id, Map.of()).json();
        assertThat(approved.get("approvalValid").asBoolean()).isTrue();
        assertThat(deliveryStatuses(approved)).containsOnly("SCHEDULED");

        var edited = poster.put("/api/posts/" + id, Api.json(Map.of("text", "江津市の秋祭りは12月1日（月）に延期します。",
                "category", "EVENT")));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        JsonNode post = edited.json();
        assertThat(post.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(post.get("approvalValid").asBoolean()).isFalse();
        assertThat(post.get("decidedBy").isNull()).isTrue();
        assertThat(post.get("contentHash").asString()).isNotEqualTo(approved.get("contentHash").asString());
        assertThat(deliveryStatuses(post)).containsOnly("WAITING");

        JsonNode voided = entry(api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + id).json(),
                "POST_APPROVAL_VOIDED");
        assertThat(voided.get("beforeState").asString()).isEqualTo("APPROVED");
        assertThat(voided.get("afterState").asString()).isEqualTo("SUBMITTED");
        assertThat(voided.get("detail").asString()).contains(approved.get("contentHash").asString());
        // back in the approver's inbox, for the new content
        assertThat(ids(api(world.approver()).get("/api/inbox").json())).contains(id);
    }

    @Test
    void refusesApprovalOfTextEditedAfterTheApproverReviewedIt() {
        Api poster = api(world.poster());
        Api approver = api(world.approver());
        String id = submitted(poster, post(world.lineA()));
        String reviewed = approver.get("/api/posts/" + id).json().get("contentHash").asString();
        var edited = poster.put("/api/posts/" + id, Api.json(Map.of("text", "江津市の秋祭りは中止します。",
                "category", "EVENT")));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);

        assertRefusal(approver.post("/api/posts/" + id + "/approve",
                Api.json(Map.of("comment", "承認します", "contentHash", reviewed))), 409, "post.changedSinceReviewed");
        assertStatus(id, "SUBMITTED");
        String current = approver.get("/api/posts/" + id).json().get("contentHash").asString();
        assertThat(status(approver.post("/api/posts/" + id + "/approve",
                Api.json(Map.of("comment", "承認します", "contentHash", current))))).isEqualTo("APPROVED");
    }

    @Test
    void approvalAfterTheScheduledTimeHoldsDeliveriesUntilAnApproverGivesANewTime() {
        Api poster = api(world.poster());
        Api approver = api(world.approver());
        Map<String, Object> request = post(world.lineA());
        request.put("scheduledAt", clock.instant().plus(Duration.ofHours(1)).toString());
        String id = submitted(poster, request);

        clock.advance(Duration.ofHours(2));
        JsonNode approved = approver.approve(id, Map.of()).json();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(deliveryStatuses(approved)).containsOnly("HELD");
        assertThat(approved.get("deliveries").get(0).get("dueAt").isNull()).isTrue();

        Instant newTime = clock.instant().plus(Duration.ofMinutes(30));
        String reschedule = Api.json(Map.of("scheduledAt", newTime.toString()));
        assertRefusal(poster.post("/api/posts/" + id + "/reschedule", reschedule), 403, "post.rescheduleNotPermitted");
        assertRefusal(api(world.approverB()).post("/api/posts/" + id + "/reschedule", reschedule), 403,
                "post.rescheduleNotPermitted");
        assertRefusal(approver.post("/api/posts/" + id + "/reschedule",
                Api.json(Map.of("scheduledAt", clock.instant().minusSeconds(1).toString()))), 400, "post.scheduledInPast");
        assertThat(deliveryStatuses(poster.get("/api/posts/" + id).json())).containsOnly("HELD");

        JsonNode rescheduled = approver.post("/api/posts/" + id + "/reschedule", reschedule).json();
        assertThat(deliveryStatuses(rescheduled)).as(rescheduled.toString()).containsOnly("SCHEDULED");
        assertThat(Instant.parse(rescheduled.get("deliveries").get(0).get("dueAt").asString())).isEqualTo(newTime);
        assertThat(Instant.parse(rescheduled.get("scheduledAt").asString())).isEqualTo(newTime);
        // nothing is held any more
        assertProblem(approver.post("/api/posts/" + id + "/reschedule", reschedule), 409);
    }

    // --- withdraw, reject ---

    @Test
    void onlyTheAuthorWithdraws() {
        Api poster = api(world.poster());
        String id = submitted(poster, post(world.lineA()));

        assertRefusal(api(world.approver()).post("/api/posts/" + id + "/withdraw", null), 403, "post.notAuthor");
        assertRefusal(api(world.both()).post("/api/posts/" + id + "/withdraw", null), 403, "post.notAuthor");
        assertStatus(id, "SUBMITTED");

        JsonNode withdrawn = poster.post("/api/posts/" + id + "/withdraw", null).json();
        assertThat(withdrawn.get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(deliveryStatuses(withdrawn)).containsOnly("CANCELLED");
    }

    @Test
    void rejectionNeedsACommentForTheAuthor() {
        Api approver = api(world.approver());
        String id = submitted(api(world.poster()), post(world.lineA()));

        assertRefusal(approver.post("/api/posts/" + id + "/reject", null), 400, "post.rejectNeedsComment");
        assertRefusal(approver.post("/api/posts/" + id + "/reject", Api.json(Map.of("comment", " 　 "))), 400,
                "post.rejectNeedsComment");
        assertStatus(id, "SUBMITTED");

        JsonNode rejected = approver.post("/api/posts/" + id + "/reject",
                Api.json(Map.of("comment", "日付を確認してください。"))).json();
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisionComment").asString()).isEqualTo("日付を確認してください。");
        assertThat(deliveryStatuses(rejected)).containsOnly("WAITING");
    }

    // --- inbox and audit visibility ---

    @Test
    void approverInboxHoldsOnlyTheirDepartmentsSubmittedPostsAndNeverTheirOwn() {
        Api poster = api(world.poster());
        Api both = api(world.both());
        String posterSubmitted = submitted(poster, post(world.lineA()));
        String posterSubmitted2 = submitted(poster, post(world.lineA2()));
        String posterDraft = create(poster, post(world.lineA())).get("id").asString();
        String bothSubmitted = submitted(both, post(world.lineA()));
        String departmentB = submitted(api(world.pr()), post(world.lineB()));
        String prReview = submitted(poster, post(world.lineAFree()));
        String approvedAlready = submitted(poster, post(world.lineA()));
        assertThat(status(api(world.approver()).approve(approvedAlready, Map.of())))
                .isEqualTo("APPROVED");

        JsonNode inbox = api(world.approver()).get("/api/inbox").json();
        assertThat(ids(inbox)).contains(posterSubmitted, posterSubmitted2, bothSubmitted)
                .doesNotContain(posterDraft, departmentB, prReview, approvedAlready);
        inbox.forEach(p -> {
            assertThat(p.get("status").asString()).isEqualTo("SUBMITTED");
            assertThat(p.get("route").asString()).isEqualTo("DEPARTMENT");
            p.get("deliveries").forEach(d -> assertThat(d.get("accountId").asLong())
                    .isIn(world.lineA().id(), world.lineA2().id()));
        });

        JsonNode bothInbox = both.get("/api/inbox").json();
        assertThat(ids(bothInbox)).contains(posterSubmitted, posterSubmitted2).doesNotContain(bothSubmitted);
        bothInbox.forEach(p -> assertThat(p.get("author").asString()).isNotEqualTo(world.both()));

        assertThat(ids(api(world.approverB()).get("/api/inbox").json())).contains(departmentB)
                .doesNotContain(posterSubmitted, bothSubmitted);
        assertThat(api(world.poster()).get("/api/inbox").json().size()).isZero();
    }

    @Test
    void auditTrailIsForbiddenToAllButAuditorsAndAdmins() {
        String id = create(api(world.poster()), post(world.lineA())).get("id").asString();
        String path = "/api/audit?subjectType=POST&subjectId=" + id;

        assertProblem(api(world.poster()).get(path), 403);
        assertProblem(api(world.approver()).get(path), 403);
        assertProblem(api(world.pr()).get(path), 403);
        assertProblem(api(world.poster()).get("/api/audit"), 403);

        var read = api(world.auditor()).get(path);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(actions(read.json())).containsExactly("POST_CREATED");
        assertThat(api(world.admin()).get(path).status()).isEqualTo(200);
    }

    // --- helpers ---

    private static Map<String, Object> post(OfficialAccount... targets) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("text", "江津市の秋祭りは11月30日（日）に開催します。");
        post.put("category", "EVENT");
        post.put("accountIds", java.util.Arrays.stream(targets).map(OfficialAccount::id).toList());
        return post;
    }

    /** A direct publish that cites its source as a link. */
    private static Map<String, Object> direct(String source, OfficialAccount... targets) {
        Map<String, Object> post = post(targets);
        post.put("category", "PRESS_RELEASE");
        post.put("sourceUrl", source);
        post.put("links", List.of(source));
        return post;
    }

    private static JsonNode create(Api author, Map<String, Object> request) {
        var created = author.post("/api/posts", Api.json(request));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static void submit(Api author, String id) {
        assertThat(status(author.post("/api/posts/" + id + "/submit", null))).isEqualTo("SUBMITTED");
    }

    private static String submitted(Api author, Map<String, Object> request) {
        String id = create(author, request).get("id").asString();
        submit(author, id);
        return id;
    }

    private static String status(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("status").asString();
    }

    private void assertStatus(String id, String expected) {
        JsonNode post = api(world.auditor()).get("/api/posts/" + id).json();
        assertThat(post.get("status").asString()).as(post.toString()).isEqualTo(expected);
    }

    private int mine(Api author) {
        return author.get("/api/posts?mine=true&limit=1000").json().size();
    }

    private static List<String> deliveryStatuses(JsonNode post) {
        return Api.each(post.get("deliveries"), "status");
    }

    private static List<String> ids(JsonNode posts) {
        return Api.each(posts, "id");
    }

    private static List<String> actions(JsonNode entries) {
        return Api.each(entries, "action");
    }

    private static JsonNode entry(JsonNode trail, String action) {
        for (JsonNode entry : trail) {
            if (entry.get("action").asString().equals(action)) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " in " + trail);
    }
}
