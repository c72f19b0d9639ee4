package org.kohogateway.gateway.dispatch.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kohogateway.connectors.Platform;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies and headers of the chaos platform's answers, in each real API's shape: what the connectors parse
 * (ids, timelines with their pagination, rate-limit headers, error bodies).
 */
final class PlatformAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);

    private final PlatformLedger ledger;

    PlatformAnswers(PlatformLedger ledger) {
        this.ledger = ledger;
    }

    ResponseDefinition lineRead(String path) {
        return switch (path) {
            case "/v2/bot/info" -> json(200, "{\"userId\":\"U4af4980629a0a0a0a0a0a0a0a0a0a0a0\",\"basicId\":\"@chaos\","
                    + "\"displayName\":\"江津市（カオス）\",\"chatMode\":\"bot\",\"markAsReadMode\":\"auto\"}").build();
            case "/v2/bot/message/quota" -> json(200, "{\"type\":\"none\"}").build();
            case "/v2/bot/message/quota/consumption" -> json(200, "{\"totalUsage\":0}").build();
            default -> json(404, "{\"message\":\"Not found\"}").build();
        };
    }

    /** 200 with the new request id, or, for a retry key LINE already accepted, 409 naming the accepted request. */
    ResponseDefinitionBuilder lineBroadcast(String requestId, String accepted) {
        if (accepted != null) {
            return json(409, "{\"message\":\"The retry key is already accepted\"}")
                    .withHeader("x-line-request-id", requestId).withHeader("x-line-accepted-request-id", accepted);
        }
        return json(200, "{}").withHeader("x-line-request-id", requestId);
    }

    ResponseDefinitionBuilder xCreated(String id, String text) {
        return json(201, JSON.writeValueAsString(Map.of("data",
                Map.of("id", id, "text", text, "edit_history_tweet_ids", List.of(id)))));
    }

    ResponseDefinition xMe(String userId) {
        return json(200, "{\"data\":{\"id\":\"" + userId + "\",\"name\":\"江津市（カオス）\",\"username\":\"chaos_"
                + userId + "\"}}").build();
    }

    /** {@code GET /2/users/:id/tweets}: newest first, from {@code start_time}, pages of {@code max_results}. */
    ResponseDefinition xTimeline(String account, Map<String, String> query) {
        Instant since = query.containsKey("start_time") ? Instant.parse(query.get("start_time")) : Instant.EPOCH;
        int size = Integer.parseInt(query.getOrDefault("max_results", "10"));
        int from = Integer.parseInt(query.getOrDefault("pagination_token", "0"));
        List<PlatformLedger.Created> posts = ledger.postsOf(Platform.X, account, since);
        List<Map<String, Object>> data = new ArrayList<>();
        for (PlatformLedger.Created post : posts.subList(Math.min(from, posts.size()), Math.min(from + size, posts.size()))) {
            data.add(Map.of("id", post.id(), "text", post.text(), "created_at", post.at().toString(),
                    "edit_history_tweet_ids", List.of(post.id())));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("result_count", data.size());
        if (from + size < posts.size()) {
            meta.put("next_token", Integer.toString(from + size));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!data.isEmpty()) {
            body.put("data", data);
        }
        body.put("meta", meta);
        return json(200, JSON.writeValueAsString(body)).build();
    }

    /** {@code GET /{page}/posts}: newest first, from {@code since} (unix seconds), cursor pagination. */
    ResponseDefinition facebookPosts(String page, Map<String, String> query) {
        Instant since = query.containsKey("since") ? Instant.ofEpochSecond(Long.parseLong(query.get("since"))) : Instant.EPOCH;
        return graphPage(ledger.postsOf(Platform.FACEBOOK, page, since), "message", "created_time", query);
    }

    /**
     * {@code GET /{ig}/media} or {@code GET /{threads-user}/threads}: every post, newest first (the connectors ask for
     * no time filter), cursor pagination.
     */
    ResponseDefinition containerFlowPosts(Platform platform, String account, String textField, Map<String, String> query) {
        return graphPage(ledger.postsOf(platform, account, Instant.EPOCH), textField, "timestamp", query);
    }

    private static ResponseDefinition graphPage(List<PlatformLedger.Created> posts, String textField, String timeField,
            Map<String, String> query) {
        int size = Integer.parseInt(query.getOrDefault("limit", "25"));
        int from = Integer.parseInt(query.getOrDefault("after", "0"));
        List<Map<String, Object>> data = new ArrayList<>();
        for (PlatformLedger.Created post : posts.subList(Math.min(from, posts.size()), Math.min(from + size, posts.size()))) {
            data.add(Map.of("id", post.id(), textField, post.text(), timeField, GRAPH_TIME.format(post.at())));
        }
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("cursors", Map.of("before", Integer.toString(from), "after", Integer.toString(from + data.size())));
        if (from + size < posts.size()) {
            paging.put("next", "https://graph.facebook.com/next?after=" + (from + size));
        }
        return json(200, JSON.writeValueAsString(Map.of("data", data, "paging", paging))).build();
    }

    static ResponseDefinitionBuilder rateLimited(Platform platform) {
        long reset = Instant.now().plusSeconds(1).getEpochSecond() + 1;
        ResponseDefinitionBuilder answer = switch (platform) {
            case LINE -> json(429, "{\"message\":\"The API rate limit has been exceeded. Try again later.\"}");
            case X -> json(429, "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\","
                    + "\"status\":429}")
                    .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "0")
                    .withHeader("x-rate-limit-reset", Long.toString(reset));
            case FACEBOOK, INSTAGRAM, THREADS -> graphError(429, 4, "Application request limit reached");
            case BLUESKY -> json(429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")
                    .withHeader("RateLimit-Limit", "5000").withHeader("RateLimit-Remaining", "0")
                    .withHeader("RateLimit-Reset", Long.toString(reset));
            case YOUTUBE -> googleError(429, "rateLimitExceeded", "The request cannot be completed because you have "
                    + "exceeded your quota.");
        };
        return answer.withHeader("Retry-After", "1");
    }

    static ResponseDefinitionBuilder serverError(Platform platform) {
        return switch (platform) {
            case LINE -> json(500, "{\"message\":\"An error occurred in the server\"}");
            case X -> json(503, "{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\","
                    + "\"type\":\"about:blank\",\"status\":503}");
            case FACEBOOK, INSTAGRAM, THREADS -> json(500, "{\"error\":{\"message\":\"Service temporarily unavailable\","
                    + "\"type\":\"OAuthException\",\"is_transient\":true,\"code\":2,\"fbtrace_id\":\"ChaosTrace\"}}");
            case BLUESKY -> json(500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}");
            case YOUTUBE -> googleError(503, "backendError", "Backend Error");
        };
    }

    /** Google's error body, as the Data API answers. */
    static ResponseDefinitionBuilder googleError(int status, String reason, String message) {
        return json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"errors\":[{"
                + "\"message\":\"" + message + "\",\"domain\":\"youtube.quota\",\"reason\":\"" + reason + "\"}]}}");
    }

    static ResponseDefinitionBuilder graphError(int status, int code, String message) {
        return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"fbtrace_id\":\"ChaosTrace\"}}");
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }
}
