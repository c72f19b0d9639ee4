package org.kohogateway.connectors.x;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.reflect.Field;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;
import twitter4j.HttpClient;
import twitter4j.HttpClientConfiguration;
import twitter4j.HttpParameter;
import twitter4j.HttpRequest;
import twitter4j.HttpResponse;
import twitter4j.HttpResponseListener;
import twitter4j.RequestMethod;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.auth.Authorization;

/**
 * Twitter4J's HTTP layer, replaced.
 *
 * <p>Twitter4J 4.0.7 sends through {@link java.net.HttpURLConnection}. With the JDK's default
 * {@code sun.net.http.retryPost=true}, {@code HttpURLConnection} silently sends a POST a second time when
 * the connection breaks before the answer's first line arrives (a reset, an empty answer). For
 * {@code POST /2/tweets} that is a second tweet, or a 403 "duplicate content" answer about a tweet that
 * does exist. This transport uses {@link java.net.http.HttpClient}, which never repeats a POST, keeps
 * Twitter4J's OAuth 1.0a signing ({@link Authorization#getAuthorizationHeader(HttpRequest)}) and its
 * response parsing, and reports failures as:
 * <ul>
 *   <li>{@link HttpFailure}: X answered with a non-2xx status; carries status, headers and raw body;</li>
 *   <li>{@link NetworkFailure}: no answer; {@link NetworkFailure#neverLeft()} says whether the request
 *       could have reached X.</li>
 * </ul>
 * It logs nothing. It is put in place of the {@code http} field Twitter4J's {@code TwitterImpl} reads on
 * every call ({@link #install}); that field is package-private in Twitter4J 4.0.7, the version this module
 * pins, and a test sends through it so that a library upgrade that moves it fails the build.
 */
final class XTransport implements HttpClient {

    private static final String USER_AGENT = "koho-gateway (Twitter4J 4.0.7; twitter4j-v2 1.4.3)";

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final HttpClientConfiguration responseConfiguration;
    private final Map<String, String> defaultHeaders = new ConcurrentHashMap<>();

    XTransport(URI baseUrl, Duration connectTimeout, Duration readTimeout, HttpClientConfiguration responseConfiguration) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // Plain-text HTTP only ever reaches a simulator: speak HTTP/1.1 there rather than try an h2c upgrade.
                .version("http".equalsIgnoreCase(baseUrl.getScheme())
                        ? java.net.http.HttpClient.Version.HTTP_1_1 : java.net.http.HttpClient.Version.HTTP_2)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
        this.responseConfiguration = responseConfiguration;
    }

    /** Makes {@code twitter} (and every twitter4j-v2 call made through it) send through {@code transport}. */
    static void install(Twitter twitter, XTransport transport) {
        for (Class<?> type = twitter.getClass(); type != null; type = type.getSuperclass()) {
            Field field;
            try {
                field = type.getDeclaredField("http");
            } catch (NoSuchFieldException notHere) {
                continue;
            }
            if (!HttpClient.class.isAssignableFrom(field.getType())) {
                continue;
            }
            try {
                field.setAccessible(true);
                field.set(twitter, transport);
                return;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot replace Twitter4J's HTTP client on " + type.getName(), e);
            }
        }
        throw new IllegalStateException("Twitter4J's " + twitter.getClass().getName()
                + " has no 'http' field to replace: this connector supports twitter4j-core 4.0.7");
    }

    @Override
    public void addDefaultRequestHeader(String name, String value) {
        defaultHeaders.put(name, value);
    }

    @Override
    public Map<String, String> getRequestHeaders() {
        return defaultHeaders;
    }

    /** The listener (Twitter4J's rate-limit callbacks, which this module does not use) is not called. */
    @Override
    public HttpResponse request(HttpRequest req, HttpResponseListener listener) throws TwitterException {
        return request(req);
    }

    @Override
    public HttpResponse get(String url, HttpParameter[] parameters, Authorization authorization, HttpResponseListener listener)
            throws TwitterException {
        return request(new HttpRequest(RequestMethod.GET, url, parameters, authorization, defaultHeaders));
    }

    @Override
    public HttpResponse get(String url) throws TwitterException {
        return request(new HttpRequest(RequestMethod.GET, url, null, null, defaultHeaders));
    }

    @Override
    public HttpResponse post(String url, HttpParameter[] parameters, Authorization authorization, HttpResponseListener listener)
            throws TwitterException {
        return request(new HttpRequest(RequestMethod.POST, url, parameters, authorization, defaultHeaders));
    }

    @Override
    public HttpResponse post(String url) throws TwitterException {
        return request(new HttpRequest(RequestMethod.POST, url, null, null, defaultHeaders));
    }

    @Override
    public HttpResponse delete(String url, HttpParameter[] parameters, Authorization authorization, HttpResponseListener listener)
            throws TwitterException {
        return request(new HttpRequest(RequestMethod.DELETE, url, parameters, authorization, defaultHeaders));
    }

    @Override
    public HttpResponse delete(String url) throws TwitterException {
        return request(new HttpRequest(RequestMethod.DELETE, url, null, null, defaultHeaders));
    }

    @Override
    public HttpResponse head(String url) throws TwitterException {
        return request(new HttpRequest(RequestMethod.HEAD, url, null, null, defaultHeaders));
    }

    @Override
    public HttpResponse put(String url, HttpParameter[] parameters, Authorization authorization, HttpResponseListener listener)
            throws TwitterException {
        return request(new HttpRequest(RequestMethod.PUT, url, parameters, authorization, defaultHeaders));
    }

    @Override
    public HttpResponse put(String url) throws TwitterException {
        return request(new HttpRequest(RequestMethod.PUT, url, null, null, defaultHeaders));
    }

    @Override
    public HttpResponse request(HttpRequest req) throws TwitterException {
        java.net.http.HttpRequest.Builder builder = signed(req);
        HttpParameter[] parameters = req.getParameters();
        switch (req.getMethod()) {
            case GET -> builder.GET();
            case DELETE -> builder.DELETE();
            case HEAD -> builder.method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody());
            case POST, PUT -> {
                String contentType;
                String body;
                if (parameters == null || parameters.length == 0) {
                    contentType = "application/x-www-form-urlencoded";
                    body = "";
                } else if (HttpParameter.containsFile(parameters)) {
                    throw new TwitterException("Twitter4J file parameters are not supported: uploads go through postMultipart");
                } else if (HttpParameter.containsJson(parameters)) {
                    contentType = "application/json";
                    body = parameters[0].getJsonObject().toString();
                } else {
                    contentType = "application/x-www-form-urlencoded";
                    body = HttpParameter.encodeParameters(parameters);
                }
                builder.header("Content-Type", contentType + "; charset=UTF-8")
                        .method(req.getMethod().name(), java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
        }
        return send(builder);
    }

    /**
     * A {@code multipart/form-data} POST: the text fields, then one file part whose bytes are streamed from
     * {@code file} as the request is written, never held whole. Signed like every other request: OAuth 1.0a
     * leaves a multipart body out of the signature, so Twitter4J signs the address and the OAuth parameters.
     */
    Response postMultipart(String url, Authorization authorization, Map<String, String> fields, String fileField,
            String fileName, String fileContentType, InputStream file) throws TwitterException {
        HttpRequest req = new HttpRequest(RequestMethod.POST, url, new HttpParameter[0], authorization, defaultHeaders);
        String boundary = "koho-" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileField)
                .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: ").append(fileContentType)
                .append("\r\n\r\n");
        java.net.http.HttpRequest.BodyPublisher body = java.net.http.HttpRequest.BodyPublishers.concat(
                java.net.http.HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8),
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> file),
                java.net.http.HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return send(signed(req).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body));
    }

    /** The request's address, timeout and OAuth 1.0a {@code Authorization} header, as Twitter4J computes it. */
    private java.net.http.HttpRequest.Builder signed(HttpRequest req) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(req.getURL()))
                .timeout(readTimeout)
                .header("User-Agent", USER_AGENT);
        Authorization authorization = req.getAuthorization();
        if (authorization != null && authorization.isEnabled()) {
            String header = authorization.getAuthorizationHeader(req);
            if (header != null) {
                builder.header("Authorization", header);
            }
        }
        return builder;
    }

    private Response send(java.net.http.HttpRequest.Builder builder) throws TwitterException {
        java.net.http.HttpResponse<String> answer;
        try {
            answer = http.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new NetworkFailure("could not connect to X: connect timed out", e, true);
        } catch (HttpTimeoutException e) {
            throw new NetworkFailure("no answer from X within the read timeout of " + readTimeout, e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for X's answer");
            interrupted.initCause(e);
            throw new NetworkFailure(interrupted.getMessage(), interrupted, false);
        } catch (IOException e) {
            boolean neverLeft = neverLeft(e);
            throw new NetworkFailure((neverLeft ? "could not connect to X: " : "X's answer was lost after the request was sent: ")
                    + describe(e), e, neverLeft);
        }
        Response response = new Response(responseConfiguration, answer.statusCode(), answer.headers(),
                answer.body() == null ? "" : answer.body());
        if (answer.statusCode() < 200 || answer.statusCode() >= 300) {
            throw new HttpFailure(response);
        }
        return response;
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

    /** An answer, already read whole, in the shape Twitter4J's parsers take. */
    static final class Response extends HttpResponse {

        private final HttpHeaders headers;
        private final String body;

        Response(HttpClientConfiguration configuration, int status, HttpHeaders headers, String body) {
            super(configuration);
            this.statusCode = status;
            this.headers = headers;
            this.body = body;
            this.responseAsString = body;
            this.is = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }

        String body() {
            return body;
        }

        /** Header names are matched case-insensitively, as HTTP (and X's HTTP/2 lower-case names) need. */
        @Override
        public @Nullable String getResponseHeader(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public Map<String, List<String>> getResponseHeaderFields() {
            return headers.map();
        }

        @Override
        public void disconnect() {
            // The body has been read whole; there is no connection to give back.
        }
    }

    /** X answered with a status outside 2xx. */
    static final class HttpFailure extends TwitterException {

        private final transient Response response;

        HttpFailure(Response response) {
            super(response.body(), response);
            this.response = response;
        }

        int status() {
            return response.getStatusCode();
        }

        @Nullable String header(String name) {
            return response.getResponseHeader(name);
        }

        String body() {
            return response.body();
        }
    }

    /** No answer from X. */
    static final class NetworkFailure extends TwitterException {

        private final boolean neverLeft;

        NetworkFailure(String message, IOException cause, boolean neverLeft) {
            super(message, cause, -1);
            this.neverLeft = neverLeft;
        }

        /** Whether the request cannot have reached X (the connection was never made). */
        boolean neverLeft() {
            return neverLeft;
        }
    }
}
