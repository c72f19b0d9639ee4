package org.kohogateway.connectors.graph;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.restfb.DefaultFacebookClient;
import com.restfb.DefaultJsonMapper;
import com.restfb.FacebookClient;
import com.restfb.FacebookEndpoints;
import com.restfb.Version;
import com.restfb.json.Json;
import com.restfb.json.JsonObject;
import com.restfb.json.JsonValue;

/**
 * A RestFB client bound to one Graph API node and token, whose every call returns a {@link GraphResult}
 * classified by the gateway's rules instead of throwing.
 *
 * <p>Shared by the Facebook Page and Instagram connectors; not meant for use outside this module.
 *
 * <p>RestFB maps Graph errors to exception classes by error <em>type</em> ({@code OAuthException},
 * {@code GraphMethodException}, …), which says nothing about whether a retry can help: a rate limit and a
 * revoked token are both {@code OAuthException}. So the classification here reads the answer itself, as
 * {@link GraphTransport} recorded it: the Graph error {@code code} first, the HTTP status when the body is
 * not a Graph error (an HTML error page from a proxy, a truncated body).
 */
public final class GraphClient {

    /**
     * The Graph API version every request names. {@code v22.0} is the newest that RestFB 2025.10.0 knows
     * (its {@code Version.LATEST}); Meta keeps each version for about two years after its release.
     */
    public static final Version API_VERSION = Version.VERSION_22_0;

    /**
     * Graph error codes after which the same request may succeed later: 1 unknown error, 2 service
     * unavailable, 4 application request limit, 17 user request limit, 32 page request limit, 341
     * application limit, 368 temporarily blocked, 613 call rate limit, and the business-use-case rate
     * limits 80001–80014 (80001 Pages, 80002 Instagram, …).
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 4, 17, 32, 341, 368, 613);
    private static final int BUSINESS_USE_CASE_LIMITS_FROM = 80001;
    private static final int BUSINESS_USE_CASE_LIMITS_TO = 80014;
    /** Instagram: code 9, subcode 2207042 = the account reached its rolling 24 h publishing limit. */
    private static final int IG_PUBLISH_LIMIT_CODE = 9;
    private static final int IG_PUBLISH_LIMIT_SUBCODE = 2207042;
    private static final int DUPLICATE_CODE = 506;
    private static final int INVALID_TOKEN_CODE = 190;

    private final String platformName;
    private final String accessToken;
    private final GraphTransport transport;
    private final DefaultFacebookClient client;

    /**
     * @param platformName for reasons shown to people ("Facebook", "Instagram")
     * @param graphBaseUrl the Graph API origin, {@code https://graph.facebook.com} in production
     */
    public GraphClient(String platformName, URI graphBaseUrl, String accessToken, Duration connectTimeout,
            Duration readTimeout) {
        this.platformName = Objects.requireNonNull(platformName, "platformName");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.transport = new GraphTransport(graphBaseUrl, connectTimeout, readTimeout);
        this.client = new DefaultFacebookClient(accessToken, transport, new DefaultJsonMapper(), API_VERSION);
        String origin = stripTrailingSlash(graphBaseUrl.toString());
        this.client.setFacebookEndpointUrls(new FacebookEndpoints() {
            @Override
            public String getGraphEndpoint() {
                return origin;
            }

            @Override
            public String getGraphVideoEndpoint() {
                return origin;
            }
        });
        // A real HTTP DELETE, not RestFB's optional "POST ?method=delete" fallback.
        this.client.setHttpDeleteFallback(false);
    }

    /** Runs one RestFB call and classifies whatever went wrong. */
    public <T> GraphResult<T> call(Function<FacebookClient, T> call) {
        transport.forget();
        try {
            T value = call.apply(client);
            transport.forget();
            return new GraphResult.Ok<>(value);
        } catch (RuntimeException failure) {
            return classify(failure, transport.takeLast().orElse(null));
        }
    }

    /** Removes the access token from text that is about to be shown or logged, in case anything echoed it. */
    public String redact(String text) {
        return text == null ? "" : text.replace(accessToken, "****");
    }

    private <T> GraphResult.Failed<T> classify(RuntimeException failure, GraphTransport.Exchange exchange) {
        if (exchange == null) {
            IOException io = find(failure, IOException.class);
            if (io == null) {
                return failed(GraphResult.Kind.PERMANENT,
                        "the request to " + platformName + " could not be made: " + GraphTransport.describe(failure));
            }
            if (GraphTransport.neverLeft(io)) {
                return failed(GraphResult.Kind.TRANSIENT, "could not connect to " + platformName + ": " + io.getMessage());
            }
            return failed(GraphResult.Kind.UNKNOWN, platformName + "'s answer was lost after the request was sent: "
                    + io.getMessage());
        }
        int status = exchange.status();
        Optional<GraphError> error = GraphError.parse(exchange.body());
        Optional<Duration> retryAfter = retryAfter(exchange);
        if (error.isEmpty()) {
            String reason = platformName + " answered HTTP " + status + " without a Graph error" + bodyHint(exchange.body());
            if (status >= 200 && status < 300) {
                return failed(GraphResult.Kind.UNKNOWN, reason + ", and the answer could not be read: "
                        + GraphTransport.describe(failure));
            }
            if (status == 429 || status >= 500) {
                return new GraphResult.Failed<>(GraphResult.Kind.TRANSIENT, redact(reason), retryAfter);
            }
            return failed(GraphResult.Kind.PERMANENT, reason);
        }
        GraphError graph = error.get();
        String described = platformName + " answered HTTP " + status + ": " + graph;
        if (graph.code() == INVALID_TOKEN_CODE) {
            return failed(GraphResult.Kind.PERMANENT, "access token rejected; " + described);
        }
        if (graph.code() == DUPLICATE_CODE) {
            return failed(GraphResult.Kind.PERMANENT, "duplicate post refused; " + described);
        }
        if (isRateLimit(graph)) {
            return new GraphResult.Failed<>(GraphResult.Kind.TRANSIENT, redact("rate limited; " + described), retryAfter);
        }
        if (TRANSIENT_CODES.contains(graph.code()) || graph.isTransient() || status == 429 || status >= 500) {
            return new GraphResult.Failed<>(GraphResult.Kind.TRANSIENT, redact(described), retryAfter);
        }
        return failed(GraphResult.Kind.PERMANENT, described);
    }

    private static boolean isRateLimit(GraphError graph) {
        int code = graph.code();
        return code == 4 || code == 17 || code == 32 || code == 613
                || code >= BUSINESS_USE_CASE_LIMITS_FROM && code <= BUSINESS_USE_CASE_LIMITS_TO
                || code == IG_PUBLISH_LIMIT_CODE && graph.subcode() == IG_PUBLISH_LIMIT_SUBCODE;
    }

    private <T> GraphResult.Failed<T> failed(GraphResult.Kind kind, String reason) {
        return new GraphResult.Failed<>(kind, redact(reason), Optional.empty());
    }

    /**
     * The Graph API rarely sends {@code Retry-After}; its throttling answers carry
     * {@code X-Business-Use-Case-Usage}, whose entries say in {@code estimated_time_to_regain_access} how
     * many minutes the block lasts.
     */
    private static Optional<Duration> retryAfter(GraphTransport.Exchange exchange) {
        Optional<String> header = exchange.headers().firstValue("Retry-After");
        if (header.isPresent() && header.get().trim().matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.get().trim())));
        }
        long minutes = 0;
        for (String usage : exchange.headers().allValues("X-Business-Use-Case-Usage")) {
            try {
                JsonObject byBusiness = Json.parse(usage).asObject();
                for (String business : byBusiness.names()) {
                    for (JsonValue entry : byBusiness.get(business).asArray()) {
                        JsonValue estimate = entry.asObject().get("estimated_time_to_regain_access");
                        if (estimate != null && estimate.isNumber()) {
                            minutes = Math.max(minutes, estimate.asLong());
                        }
                    }
                }
            } catch (RuntimeException unreadable) {
                // An unreadable usage header only costs the hint.
            }
        }
        return minutes > 0 ? Optional.of(Duration.ofMinutes(minutes)) : Optional.empty();
    }

    private static String bodyHint(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.isEmpty()) {
            return " (empty body)";
        }
        // An HTML error page from a proxy or load balancer: its text says more than its markup.
        String text = trimmed.startsWith("<") ? trimmed.replaceAll("<[^>]*>", " ") : trimmed;
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return " (body starts: " + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine) + ")";
    }

    private static <E extends Throwable> E find(Throwable failure, Class<E> type) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !seen.contains(cause); cause = cause.getCause()) {
            seen.add(cause);
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** The {@code error} object of a Graph API error answer. */
    record GraphError(int code, int subcode, String type, String message, String fbtraceId, boolean isTransient) {

        static Optional<GraphError> parse(String body) {
            if (body == null || !body.strip().startsWith("{")) {
                return Optional.empty();
            }
            try {
                JsonValue root = Json.parse(body);
                JsonValue error = root.isObject() ? root.asObject().get("error") : null;
                if (error == null || !error.isObject()) {
                    return Optional.empty();
                }
                JsonObject e = error.asObject();
                return Optional.of(new GraphError(number(e, "code"), number(e, "error_subcode"), text(e, "type"),
                        text(e, "message"), text(e, "fbtrace_id"), e.get("is_transient") != null
                                && e.get("is_transient").isBoolean() && e.get("is_transient").asBoolean()));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }

        private static int number(JsonObject object, String name) {
            JsonValue value = object.get(name);
            if (value == null) {
                return -1;
            }
            if (value.isNumber()) {
                return value.asInt();
            }
            if (value.isString() && value.asString().matches("-?\\d{1,9}")) {
                return Integer.parseInt(value.asString());
            }
            return -1;
        }

        private static String text(JsonObject object, String name) {
            JsonValue value = object.get(name);
            return value != null && value.isString() ? value.asString() : "";
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(message.isBlank() ? "(no message)" : message).append(" (code ").append(code);
            if (subcode >= 0) {
                text.append(", subcode ").append(subcode);
            }
            if (!type.isBlank()) {
                text.append(", ").append(type);
            }
            if (!fbtraceId.isBlank()) {
                text.append(", fbtrace_id ").append(fbtraceId);
            }
            return text.append(')').toString();
        }
    }
}
