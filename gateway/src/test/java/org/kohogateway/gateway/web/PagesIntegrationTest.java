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
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;

class PagesIntegrationTest extends IntegrationTest {

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
        String after = browser.send(get("/"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(after).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
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
