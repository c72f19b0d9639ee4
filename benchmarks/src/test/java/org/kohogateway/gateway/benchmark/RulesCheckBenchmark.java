package org.kohogateway.gateway.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.security.ApiTokens;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The as-you-type check for a 2,000-character Japanese post with links, contacts and list terms, target p99 &lt; 20 ms:
 * in process ({@code PostWorkflow.check}: account look-ups and every rule), and over real HTTP
 * ({@code POST /api/posts/check}) with HTTP Basic, where each request pays the password hash check, and with an API
 * token, which costs a SHA-256. With the production default's near-duplicate look (24 hours), which the integration
 * tests switch off for their own posts: without it the check measured was a round trip short of the real one.
 */
@TestPropertySource(properties = "gateway.posting.near-duplicate-window=24h")
class RulesCheckBenchmark extends IntegrationTest {

    // calls before the measured ones on each path: after 300 calls over HTTP (the warm-up until 2026-12-04) the
    // filters, converters and JDBC code were still interpreted or C1-compiled (async-profiler), so the figure was the
    // JIT's, not a running server's
    private static final int WARMUP = Integer.getInteger("bench.rules.warmup", 3000);
    private static final int MEASURED = 1000;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    ApiTokens tokens;

    @Test
    void rulesCheckLatency() throws Exception {
        World world = data.world();
        NewPost post = NewPost.of(text(2000), List.of(URI.create("https://www.city.gotsu.lg.jp/event/1")),
                PostCategory.NOTICE, List.of(world.lineA().id(), world.lineA2().id()), null);
        for (int i = 0; i < WARMUP; i++) {
            workflow.check(world.poster(), post);
        }
        long[] inProcess = new long[MEASURED * 10];
        for (int i = 0; i < inProcess.length; i++) {
            long start = System.nanoTime();
            workflow.check(world.poster(), post);
            inProcess[i] = System.nanoTime() - start;
        }
        report("in process (PostWorkflow.check)", "rules_check", inProcess);

        String body = Api.json(Map.of("text", text(2000), "category", "NOTICE",
                "links", List.of("https://www.city.gotsu.lg.jp/event/1"),
                "accountIds", List.of(world.lineA().id(), world.lineA2().id())));
        // -Dbench.rules.http-basic=false leaves out the slow part (a bcrypt per call) for a quick look at the rest
        if (Boolean.parseBoolean(System.getProperty("bench.rules.http-basic", "true"))) {
            Api poster = api(world.poster());
            // bcrypt is most of each call here, and 3,000 of them would take minutes
            for (int i = 0; i < 300; i++) {
                poster.post("/api/posts/check", body);
            }
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                var response = poster.post("/api/posts/check", body);
                nanos[i] = System.nanoTime() - start;
                if (response.status() != 200) {
                    throw new IllegalStateException(response.toString());
                }
            }
            report("over HTTP with Basic auth (POST /api/posts/check)", "rules_check_http", nanos);
        }

        String token = tokens.issue(world.poster(), new ApiTokens.NewToken("benchmark", null, Set.of(Role.POSTER),
                null, clock.instant().plus(Duration.ofDays(1)), false), false).secret();
        // the JDK's HttpClient hands every response from its selector thread to the caller: on two busy cores that
        // hand-over is the harness's own latency, so the target is measured with one blocking call per request
        // (HttpURLConnection, kept alive), and the JDK client's figure is printed beside it
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest check = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/posts/check"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int i = 0; i < WARMUP; i++) {
            http.send(check, HttpResponse.BodyHandlers.ofString());
        }
        long[] withJdkClient = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            var response = http.send(check, HttpResponse.BodyHandlers.ofString());
            withJdkClient[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.body());
            }
        }
        report("over HTTP with an API token, the JDK's HttpClient", "rules_check_token_http_jdk_client",
                withJdkClient);

        URL url = URI.create("http://localhost:" + port + "/api/posts/check").toURL();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < WARMUP; i++) {
            post(url, token, bytes);
        }
        long[] withToken = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            int status = post(url, token, bytes);
            withToken[i] = System.nanoTime() - start;
            if (status != 200) {
                throw new IllegalStateException("status " + status);
            }
        }
        report("over HTTP with an API token (POST /api/posts/check)", "rules_check_token_http", withToken);
    }

    private static int post(URL url, String token, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        // read to the end, so the connection goes back to the keep-alive cache for the next call
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            in.readAllBytes();
        }
        return status;
    }

    private static void report(String what, String name, long[] nanos) {
        Arrays.sort(nanos);
        double p50 = nanos[nanos.length / 2] / 1e6;
        double p99 = nanos[(int) (nanos.length * 0.99)] / 1e6;
        double max = nanos[nanos.length - 1] / 1e6;
        System.out.printf("%nrules check of a 2,000-character post, %s, %d calls%n", what, nanos.length);
        System.out.printf("  p50 %.3f ms   p99 %.3f ms   max %.3f ms%n", p50, p99, max);
        System.out.printf("RESULT %s_p50_ms=%.3f%n", name, p50);
        System.out.printf("RESULT %s_p99_ms=%.3f%n", name, p99);
    }

    static String text(int length) {
        String paragraph = "江津市では11月30日（日）に秋祭りを開催します。会場は江津市江津町1525番地、お問い合わせは"
                + "0855-52-2501 まで。詳しくは https://www.city.gotsu.lg.jp/event/ をご覧ください。○○地区の皆さまも"
                + "ぜひお越しください。雨天の場合は翌日に順延します。駐車場には限りがありますので公共交通機関をご利用ください。";
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(paragraph);
        }
        return out.substring(0, length);
    }
}
