package org.kohogateway.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running gateway over real HTTP as one person, the way an API client would. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String authorization;
    private final Map<String, String> headers;

    public Api(int port, String username, String password) {
        this(port, username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private Api(int port, String authorization) {
        this(port, authorization, Map.of());
    }

    private Api(int port, String authorization, Map<String, String> headers) {
        this.port = port;
        this.authorization = authorization;
        this.headers = headers;
    }

    /** The same caller, sending this header too on every request. */
    public Api withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(port, authorization, more);
    }

    /** Calls with {@code Authorization: Bearer <secret>} (an API token). */
    public static Api withToken(int port, String secret) {
        return new Api(port, "Bearer " + secret);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /**
     * Approves a post as an approver does: with the content hash of the version this caller reads now, added to
     * {@code decision} (comment, acknowledge).
     */
    public Response approve(Object postId, java.util.Map<String, ?> decision) {
        String hash = get("/api/posts/" + postId).json().get("contentHash").asString();
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>(decision);
        body.put("contentHash", hash);
        return post("/api/posts/" + postId + "/approve", json(body));
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response send(String method, String path, String json) {
        return send(method, path, json, "application/json", null);
    }

    public Response send(String method, String path, String body, String contentType, String acceptLanguage) {
        return sendWithHeaders(method, path, body, contentType,
                acceptLanguage == null ? Map.of() : Map.of("Accept-Language", acceptLanguage));
    }

    /** With extra request headers, e.g. those a browser adds ({@code Origin}, {@code Sec-Fetch-Site}). */
    public Response sendWithHeaders(String method, String path, String body, String contentType,
            Map<String, String> extra) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        extra.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer is a file (a ZIP package): its bytes as they came, with the status. */
    public HttpResponse<byte[]> download(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** The {@code field} of each element of a JSON array, as text, in the array's order. */
    public static List<String> each(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asString()));
        return values;
    }

    public record Response(int status, String body, String contentType) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
