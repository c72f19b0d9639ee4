package org.kohogateway.connectors.bluesky;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * XRPC over HTTP, as the AT Protocol defines it: a query is {@code GET /xrpc/<nsid>?params}, a procedure
 * {@code POST /xrpc/<nsid>} with a JSON (or, for a blob, raw) body; every error answer carries
 * {@code {"error": "<Name>", "message": "..."}}.
 *
 * <p>Sent with the JDK's {@link HttpClient}, which never repeats a request on its own, so that the connector knows
 * whether a write can have reached the server: {@link NoAnswer#neverLeft()} is true only when no connection was made.
 * It logs nothing: requests carry the session's tokens and the app password.
 */
final class Xrpc {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI service;
    private final Duration readTimeout;

    Xrpc(URI service, Duration connectTimeout, Duration readTimeout) {
        this.service = service;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // plain-text HTTP only ever reaches a simulator: speak HTTP/1.1 there rather than try an h2c upgrade
                .version("http".equalsIgnoreCase(service.getScheme()) ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static JsonMapper json() {
        return JSON;
    }

    /** {@code GET /xrpc/<nsid>} with the parameters URL-encoded. */
    Answer query(String nsid, Map<String, String> parameters, @Nullable String bearer) throws NoAnswer {
        String query = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(nsid + (query.isEmpty() ? "" : "?" + query), bearer).GET());
    }

    /** {@code POST /xrpc/<nsid>} with a JSON body. */
    Answer procedure(String nsid, JsonNode body, @Nullable String bearer) throws NoAnswer {
        return send(request(nsid, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)));
    }

    /** {@code POST /xrpc/<nsid>} with raw bytes streamed from {@code body} (a blob upload). */
    Answer upload(String nsid, String contentType, long length, InputStream body, String bearer) throws NoAnswer {
        return send(request(nsid, bearer).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                        length)));
    }

    private HttpRequest.Builder request(String pathAndQuery, @Nullable String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(service.resolve("/xrpc/" + pathAndQuery))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "koho-gateway");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) throws NoAnswer {
        HttpResponse<String> answer;
        try {
            answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new NoAnswer("could not connect to Bluesky: connect timed out", true);
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("no answer from Bluesky within the read timeout of " + readTimeout, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted while waiting for Bluesky's answer", false);
        } catch (IOException e) {
            boolean neverLeft = neverLeft(e);
            throw new NoAnswer((neverLeft ? "could not connect to Bluesky: "
                    : "Bluesky's answer was lost after the request was sent: ") + describe(e), neverLeft);
        }
        String raw = answer.body() == null ? "" : answer.body();
        return new Answer(answer.statusCode(), answer.headers(), parse(raw));
    }

    private static @Nullable JsonNode parse(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean neverLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                    || cause instanceof UnresolvedAddressException || cause instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /**
     * One answer, read whole.
     *
     * @param body the answer's JSON object, or {@code null} when it was empty or not a JSON object (an HTML error page,
     *             a cut-off body)
     */
    record Answer(int status, HttpHeaders headers, @Nullable JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The XRPC error name ({@code ExpiredToken}, {@code RecordNotFound}…), empty when there is none. */
        String error() {
            return text("error");
        }

        /** A string field of the body, empty when it is missing or not a string. */
        String text(String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value != null && value.isString() ? value.stringValue() : "";
        }

        /** For people: the status, the error's name and its message, whatever of them there is. */
        String describe() {
            String error = error();
            String message = text("message");
            String reason = "Bluesky answered HTTP " + status;
            if (error.isEmpty() && message.isEmpty()) {
                return reason + " without a readable XRPC error";
            }
            return reason + ": " + (error.isEmpty() ? "" : error) + (message.isEmpty() ? "" : (error.isEmpty() ? "" : " ")
                    + "(" + message + ")");
        }
    }

    /** No answer came; {@link #neverLeft()} says whether the request cannot have reached the server. */
    static final class NoAnswer extends Exception {

        private final boolean neverLeft;

        NoAnswer(String message, boolean neverLeft) {
            super(message, null, false, false);
            this.neverLeft = neverLeft;
        }

        boolean neverLeft() {
            return neverLeft;
        }
    }
}
