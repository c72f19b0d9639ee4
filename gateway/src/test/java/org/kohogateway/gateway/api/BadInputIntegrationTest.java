package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.api.Problems.assertProblem;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;

import tools.jackson.databind.JsonNode;

/**
 * Bad input of any kind gets a clear 4xx RFC 9457 problem (docs/guideline.md, "Language and bad input"): never a 500,
 * never lost data. Every refused create is followed by a check that the author's post list did not grow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private World world;
    private Api poster;

    /** One world for the class: creating staff hashes passwords, and every test here works on its own posts. */
    @BeforeAll
    void world() {
        world = data.world();
        poster = api(world.poster());
    }

    // --- unreadable or wrongly shaped JSON ---

    @Test
    void refusesMalformedJson() {
        assertCreateRefused(poster, "{\"text\": \"江津市からのお知らせ\", \"category\": ", 400);
    }

    @Test
    void refusesJsonArrayInsteadOfObject() {
        assertCreateRefused(poster, "[" + Api.json(validPost()) + "]", 400);
    }

    @Test
    void refusesStringForAccountIdsNamingTheField() {
        Map<String, Object> post = validPost();
        post.put("accountIds", "観光 LINE");
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("detail").asString()).contains("accountIds");
    }

    @Test
    void refusesUnknownCategoryNamingTheField() {
        Map<String, Object> post = validPost();
        post.put("category", "GOSSIP");
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("detail").asString()).contains("category");
    }

    @Test
    void refusesUnparseableScheduledTimeNamingTheField() {
        Map<String, Object> post = validPost();
        post.put("scheduledAt", "来週の月曜日");
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("detail").asString()).contains("scheduledAt");
    }

    // --- content rules ---

    @ParameterizedTest
    @ValueSource(strings = { "text", "category", "accountIds" })
    void refusesPostWithoutRequiredFieldNamingTheField(String field) {
        Map<String, Object> post = validPost();
        post.remove(field);
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("detail").asString()).contains(field);
        assertThat(fields(problem)).contains(field);
    }

    @Test
    void refusesEmptyAccountIds() {
        Map<String, Object> post = validPost();
        post.put("accountIds", List.of());
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(fields(problem)).contains("accountIds");
    }

    @Test
    void refusesBlankText() {
        Map<String, Object> post = validPost();
        post.put("text", " 　\n\t");
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(fields(problem)).contains("text");
    }

    @Test
    void refusesTextLongerThanTheLongestAnyPlatformTakes() {
        Map<String, Object> post = validPost();
        post.put("text", "あ".repeat(PostWorkflow.MAX_TEXT + 1));
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(fields(problem)).contains("text");
    }

    @Test
    void acceptsTextOfExactlyTheMaximumLength() {
        Map<String, Object> post = validPost();
        post.put("text", "あ".repeat(PostWorkflow.MAX_TEXT));
        var created = poster.post("/api/posts", Api.json(post));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @Test
    void refusesMoreLinksThanAllowed() {
        Map<String, Object> post = validPost();
        post.put("links", IntStream.rangeClosed(0, PostWorkflow.MAX_LINKS)
                .mapToObj(i -> "https://www.city.gotsu.lg.jp/event/" + i).toList());
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(fields(problem)).contains("links");
    }

    @ParameterizedTest
    @ValueSource(strings = { "江津市のホームページ", "www.city.gotsu.lg.jp/event/1", "ftp://ftp.city.gotsu.lg.jp/a.pdf",
            "javascript:alert(1)", "https://exa mple.com/" })
    void refusesLinkThatIsNotAWebLink(String link) {
        Map<String, Object> post = validPost();
        post.put("links", List.of("https://www.city.gotsu.lg.jp/event/1", link));
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("code").asString()).isEqualTo("post.badLink");
        assertThat(problem.get("detail").asString()).contains(link);
    }

    @Test
    void refusesUnknownAccount() {
        Map<String, Object> post = validPost();
        post.put("accountIds", List.of(world.lineA().id(), Long.MAX_VALUE));
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("code").asString()).isEqualTo("post.unknownAccount");
    }

    @Test
    void refusesNullAccountId() {
        Map<String, Object> post = validPost();
        List<Long> ids = new ArrayList<>();
        ids.add(null);
        post.put("accountIds", ids);
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("detail").asString()).contains("accountIds");
    }

    @Test
    void refusesDuplicateAccountIds() {
        Map<String, Object> post = validPost();
        post.put("accountIds", List.of(world.lineA().id(), world.lineA2().id(), world.lineA().id()));
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("code").asString()).isEqualTo("post.duplicateTargets");
    }

    @Test
    void refusesScheduledTimeInThePast() {
        Map<String, Object> post = validPost();
        post.put("scheduledAt", clock.instant().minusSeconds(60).toString());
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("code").asString()).isEqualTo("post.scheduledInPast");
    }

    @ParameterizedTest
    @ValueSource(strings = { "+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z", "2999-01-01T00:00:00Z" })
    void refusesScheduledTimeBeyondTwoYears(String time) {
        Map<String, Object> post = validPost();
        post.put("scheduledAt", time);
        JsonNode problem = assertCreateRefused(poster, Api.json(post), 400);
        assertThat(problem.get("code").asString()).isEqualTo("post.scheduledTooFar");
    }

    @Test
    void refusesEditToAScheduledTimeBeyondTwoYears() {
        String id = created(poster);
        assertRefusal(poster.put("/api/posts/" + id, Api.json(Map.of("text", "江津市からのお知らせです。",
                "category", "NOTICE", "scheduledAt", "+300000-01-01T00:00:00Z"))), 400, "post.scheduledTooFar");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/deliveries?from=-300000-01-01T00:00:00Z&to=%2B300000-01-01T00:00:00Z",
            "/api/audit/send-log.csv?from=-300000-01-01T00:00:00Z&to=%2B300000-01-01T00:00:00Z",
            "/api/audit/export.csv?to=%2B999999999-12-31T23:59:59Z" })
    void treatsSearchRangesBeyondTheDatabasesRangeAsOpenEnded(String path) {
        var response = api(world.auditor()).get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://www.example.com/press/1", "https://city.gotsu.lg.jp.example.com/x",
            "https://evilcity.gotsu.lg.jp/x", "http://www.city.gotsu.lg.jp/press/1", "ftp://www.city.gotsu.lg.jp/x",
            "www.city.gotsu.lg.jp/press/1" })
    void refusesSourceOffTheOfficialHttpsDomains(String source) {
        Api pr = api(world.pr());
        Map<String, Object> post = validPost();
        post.put("sourceUrl", source);
        post.put("category", "PRESS_RELEASE");
        post.put("accountIds", java.util.List.of(world.cityLine().id()));
        JsonNode problem = assertCreateRefused(pr, Api.json(post), 400);
        assertThat(problem.get("code").asString()).isIn("post.sourceNotOfficial", "post.badLink");
    }

    // --- size, identifiers, parameters ---

    @Test
    void refusesBodyOverOneMebibyteWith413() throws Exception {
        int before = myPosts(poster);
        String huge = hugeBody();
        HttpResponse<String> response = HTTP.send(request("/api/posts", world.poster(), TestData.PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString(huge, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response(response), 413);
        assertThat(myPosts(poster)).isEqualTo(before);
    }

    @Test
    void refusesChunkedBodyOverOneMebibyteWith413() throws Exception {
        int before = myPosts(poster);
        byte[] huge = hugeBody().getBytes(StandardCharsets.UTF_8);
        // a body publisher of unknown length goes out chunked, with no Content-Length to check up front
        HttpResponse<String> response = HTTP.send(request("/api/posts", world.poster(), TestData.PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response(response), 413);
        assertThat(myPosts(poster)).isEqualTo(before);
    }

    @Test
    void acceptsChunkedBodyWithinTheLimit() throws Exception {
        byte[] body = Api.json(validPost()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(request("/api/posts", world.poster(), TestData.PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void answersUnknownPostIdWith404() {
        String id = UUID.randomUUID().toString();
        assertRefusal(poster.get("/api/posts/" + id), 404, "post.notFound");
        assertRefusal(poster.post("/api/posts/" + id + "/submit", null), 404, "post.notFound");
        assertRefusal(api(world.approver()).post("/api/posts/" + id + "/approve", null), 404, "post.notFound");
        assertRefusal(poster.put("/api/posts/" + id, Api.json(Map.of("text", "訂正", "category", "NOTICE"))), 404,
                "post.notFound");
    }

    @Test
    void refusesPostIdThatIsNotAUuid() {
        JsonNode problem = assertProblem(poster.get("/api/posts/not-a-uuid"), 400);
        assertThat(problem.get("detail").asString()).contains("id");
        assertProblem(poster.post("/api/posts/12345/submit", null), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/posts?limit=0", "/api/posts?limit=100000", "/api/posts?mine=true&limit=-1",
            "/api/deliveries?limit=0", "/api/deliveries?limit=100000", "/api/posts?limit=many",
            "/api/posts?status=PUBLISHED" })
    void refusesListParametersOutOfRange(String path) {
        JsonNode problem = assertProblem(poster.get(path), 400);
        assertThat(problem.get("detail").asString()).containsAnyOf("limit", "status");
    }

    @Test
    void refusesAuditLimitOfZero() {
        assertRefusal(api(world.auditor()).get("/api/audit?limit=0"), 400, "audit.limit");
        assertRefusal(api(world.auditor()).get("/api/audit?limit=100000"), 400, "audit.limit");
    }

    @Test
    void refusesRescheduleWithoutBody() {
        String id = created(poster);
        assertProblem(api(world.approver()).post("/api/posts/" + id + "/reschedule", null), 400);
        assertProblem(api(world.approver()).post("/api/posts/" + id + "/reschedule", "{}"), 400);
    }

    // --- paths, methods, media types ---

    @Test
    void answersUnknownApiPathWith404Problem() {
        assertProblem(poster.get("/api/no-such-thing"), 404);
        assertProblem(poster.post("/api/posts/" + UUID.randomUUID() + "/publish-now", "{}"), 404);
    }

    @Test
    void answersWrongMethodWith405ProblemNamingTheAllowedOnes() throws Exception {
        assertProblem(poster.send("DELETE", "/api/posts", null), 405);
        assertProblem(poster.send("PATCH", "/api/posts/" + UUID.randomUUID(), "{}"), 405);
        HttpResponse<String> raw = HTTP.send(request("/api/posts", world.poster(), TestData.PASSWORD)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(405);
        assertThat(raw.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
    }

    @Test
    void refusesPlainTextBodyWith415() {
        int before = myPosts(poster);
        assertProblem(poster.send("POST", "/api/posts", "江津市からのお知らせ", "text/plain", null), 415);
        assertThat(myPosts(poster)).isEqualTo(before);
    }

    // --- authentication ---

    @Test
    void answersMissingCredentialsWith401AndChallenge() throws Exception {
        assertProblem(anonymous().get("/api/posts"), 401);
        HttpResponse<String> raw = HTTP.send(request("/api/posts", null, null)
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(validPost()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response(raw), 401);
        assertThat(raw.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void answersWrongPasswordWith401AndStoresNothing() throws Exception {
        int before = myPosts(poster);
        HttpResponse<String> raw = HTTP.send(request("/api/posts", world.poster(), TestData.PASSWORD + "-wrong")
                .POST(HttpRequest.BodyPublishers.ofString(Api.json(validPost()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(response(raw), 401);
        assertThat(raw.headers().firstValue("WWW-Authenticate")).isPresent();
        assertProblem(new Api(port, "nobody-" + UUID.randomUUID(), TestData.PASSWORD).get("/api/me"), 401);
        assertThat(myPosts(poster)).isEqualTo(before);
    }

    // --- nothing lost ---

    @Test
    void refusedEditLeavesThePostAsItWas() {
        String id = created(poster);
        String hash = poster.get("/api/posts/" + id).json().get("contentHash").asString();

        assertProblem(poster.put("/api/posts/" + id, Api.json(Map.of("text", "", "category", "NOTICE"))), 400);
        assertProblem(poster.put("/api/posts/" + id, Api.json(Map.of("text", "訂正", "category", "NOTICE",
                "links", List.of("javascript:alert(1)")))), 400);
        assertProblem(poster.put("/api/posts/" + id, "{\"text\": \"訂正\", "), 400);
        assertProblem(poster.put("/api/posts/" + id, Api.json(Map.of("text", "訂正", "category", "NOTICE",
                "scheduledAt", clock.instant().minusSeconds(1).toString()))), 400);

        JsonNode post = poster.get("/api/posts/" + id).json();
        assertThat(post.get("text").asString()).isEqualTo("江津市の秋祭りは11月30日（日）に開催します。");
        assertThat(post.get("contentHash").asString()).isEqualTo(hash);
        assertThat(post.get("status").asString()).isEqualTo("DRAFT");
    }

    // --- language ---

    @Test
    void explainsGatewayRefusalsInJapaneseByDefault() {
        String id = submittedBy(api(world.both()));
        JsonNode problem = assertRefusal(api(world.both()).post("/api/posts/" + id + "/approve", null), 403,
                "post.selfApproval");
        assertThat(problem.get("detail").asString()).contains("自分の投稿は承認できません");
        assertThat(problem.get("title").asString()).isEqualTo("権限がありません");
    }

    @Test
    void explainsRefusalsInEnglishWhenAskedWithAcceptLanguage() {
        String id = submittedBy(api(world.both()));
        var english = api(world.both()).send("POST", "/api/posts/" + id + "/approve", null, "application/json",
                "en-US,en;q=0.9");
        assertThat(assertRefusal(english, 403, "post.selfApproval").get("detail").asString())
                .contains("Nobody approves their own post");
        var japanese = api(world.both()).send("POST", "/api/posts/" + id + "/approve", null, "application/json",
                "ja-JP,ja;q=0.9");
        assertThat(assertRefusal(japanese, 403, "post.selfApproval").get("detail").asString()).contains("自分の投稿");
    }

    @Test
    void explainsRefusalsInEnglishWhenAskedWithLangParameter() {
        String id = submittedBy(api(world.both()));
        JsonNode problem = assertRefusal(api(world.both()).post("/api/posts/" + id + "/approve?lang=en", null), 403,
                "post.selfApproval");
        assertThat(problem.get("detail").asString()).contains("Nobody approves their own post");

        Map<String, Object> post = validPost();
        post.remove("text");
        JsonNode invalid = assertProblem(poster.post("/api/posts?lang=en", Api.json(post)), 400);
        assertThat(invalid.get("detail").asString()).contains("text").contains("must not be blank");
    }

    // --- helpers ---

    private Map<String, Object> validPost() {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("text", "江津市の秋祭りは11月30日（日）に開催します。");
        post.put("links", List.of("https://www.city.gotsu.lg.jp/event/1"));
        post.put("category", "EVENT");
        post.put("accountIds", List.of(world.lineA().id()));
        return post;
    }

    private String created(Api author) {
        var created = author.post("/api/posts", Api.json(validPost()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String submittedBy(Api author) {
        String id = created(author);
        var submitted = author.post("/api/posts/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        return id;
    }

    /** Posts a create that must be refused with this status; checks the author's list did not grow. */
    private JsonNode assertCreateRefused(Api author, String body, int status) {
        int before = myPosts(author);
        JsonNode problem = assertProblem(author.post("/api/posts", body), status);
        assertThat(myPosts(author)).as("posts stored after a refused create").isEqualTo(before);
        return problem;
    }

    private static int myPosts(Api author) {
        var mine = author.get("/api/posts?mine=true&limit=1000");
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        return mine.json().size();
    }

    private static List<String> fields(JsonNode problem) {
        return Api.each(problem.path("errors"), "field");
    }

    private String hugeBody() {
        Map<String, Object> post = validPost();
        post.put("text", "a".repeat((int) RequestSizeLimit.MAX_BODY_BYTES + 1));
        return Api.json(post);
    }

    private HttpRequest.Builder request(String path, String username, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json");
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static Api.Response response(HttpResponse<String> response) {
        return new Api.Response(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }
}
