package org.kohogateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Machine access: scoped, hashed, expiring, revocable, audited. */
class ApiTokensIntegrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PostWorkflow workflow;

    @Test
    void aCmsTokenPostsPressReleasesOnlyWithinItsRolesAndAccounts() throws Exception {
        World world = data.world();
        var issued = api(world.admin()).post("/api/tokens", Api.json(Map.of("name", "CMS 報道発表",
                "actsAs", world.pr(), "roles", List.of("PR_OFFICER"), "accountIds", List.of(world.cityLine().id()),
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
        var poster = api(world.admin()).post("/api/tokens", Api.json(Map.of("name", "投稿だけ", "actsAs", world.both(),
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
        var issued = api(world.admin()).post("/api/tokens", Api.json(Map.of("name", "短命", "actsAs", world.poster(),
                "roles", List.of("POSTER"), "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString())));
        String secret = issued.json().get("secret").asString();
        assertThat(bearer(secret, "GET", "/api/me", null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        assertThat(bearer(secret, "GET", "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(bearer("kgw_not-a-token", "GET", "/api/me", null).statusCode()).isEqualTo(401);
        assertThat(api(world.admin()).post("/api/tokens", Api.json(Map.of("name", "越権", "actsAs", world.poster(),
                "roles", List.of("ADMIN"), "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).status())
                .isEqualTo(400);
        assertThat(api(world.poster()).post("/api/tokens", Api.json(Map.of("name", "x", "actsAs", world.poster(),
                "roles", List.of("POSTER"), "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).status())
                .isEqualTo(403);
    }

    @Test
    void tokensTakeOnlyTheStateChangesTheirRolesAndAccountsAllow() throws Exception {
        World world = data.world();
        String scoped = api(world.admin()).post("/api/tokens", Api.json(Map.of("name", "CMS 一部の公式アカウント",
                "actsAs", world.pr(), "roles", List.of("PR_OFFICER"), "accountIds", List.of(world.lineAFree().id()),
                "expiresAt", clock.instant().plus(Duration.ofDays(1)).toString()))).json().get("secret").asString();
        String posterOnly = api(world.admin()).post("/api/tokens", Api.json(Map.of("name", "投稿だけ",
                "actsAs", world.pr(), "roles", List.of("POSTER"),
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
