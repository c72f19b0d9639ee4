package org.kohogateway.connectors.graph;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.graph.GraphResult.Kind;

import com.restfb.json.Json;
import com.restfb.json.JsonObject;
import com.restfb.json.JsonValue;

/**
 * The gateway's rules for what a failed Graph API request means, in one place for the Facebook Page and
 * Instagram connectors ({@link GraphClient} applies them and redacts the reasons).
 *
 * <p>What an ambiguous answer (a 5xx, Graph codes 1 and 2, {@code is_transient}, a lost answer) means depends
 * on the request. For one that cannot make anything public (reads, deletes, Instagram's container steps) it
 * only says "try again later". For one that creates a post ({@link Request#createsPost()}) it says the post
 * may exist: the Graph API has no idempotency key, so such an answer is {@link GraphResult.Kind#UNKNOWN} and
 * the delivery is reconciled rather than sent again. Only answers that say the request was not acted on
 * (throttling, a connection never made) stay {@link GraphResult.Kind#TRANSIENT} there.
 */
final class GraphFailures {

    /** What the failed request was, as far as its meaning depends on it. */
    record Request(boolean createsPost, int attempt) {

        static final Request NO_POST = new Request(false, 1);

        static Request creating(int attempt) {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt counts from 1: " + attempt);
            }
            return new Request(true, attempt);
        }
    }

    /** Graph codes 1 (unknown error) and 2 (service unavailable): the server may or may not have acted. */
    private static final Set<Integer> SERVER_TROUBLE_CODES = Set.of(1, 2);
    /** 341 application limit reached: a refusal, so nothing was done. */
    private static final int APPLICATION_LIMIT_CODE = 341;
    /**
     * 368 "temporarily blocked for going too fast": on a first attempt a refusal worth waiting out; on a later
     * one Facebook's answer to seeing the same post again, like 506.
     */
    private static final int BLOCKED_CODE = 368;
    private static final int DUPLICATE_CODE = 506;
    private static final int INVALID_TOKEN_CODE = 190;
    private static final int BUSINESS_USE_CASE_LIMITS_FROM = 80001;
    private static final int BUSINESS_USE_CASE_LIMITS_TO = 80014;
    /** Instagram: code 9, subcode 2207042 = the account reached its rolling 24 h publishing limit. */
    private static final int IG_PUBLISH_LIMIT_CODE = 9;
    private static final int IG_PUBLISH_LIMIT_SUBCODE = 2207042;
    /**
     * Instagram's codes -1 ("server error", "create media fail") and -2 ("timeout while downloading the
     * media"), which Meta's error-code table answers with "try again" / "generate a new container".
     */
    private static final Set<Integer> IG_TRY_AGAIN_CODES = Set.of(-1, -2);
    /**
     * Instagram answers to {@code media_publish} that say the container was not published: 2207020 it expired,
     * 2207027 it is not ready yet. Meta documents both as "create a new container / wait and try again".
     */
    private static final Set<Integer> IG_NOT_PUBLISHED_SUBCODES = Set.of(2207020, 2207027);

    private GraphFailures() {
    }

    /**
     * @param failure  what RestFB threw
     * @param exchange the answer the transport received for the request, or {@code null} when none came
     * @return the failure with a reason that may still contain the token (the caller redacts it)
     */
    static <T> GraphResult.Failed<T> classify(String platformName, Request request, RuntimeException failure,
            GraphTransport.@Nullable Exchange exchange) {
        if (exchange == null) {
            return withoutAnswer(platformName, failure);
        }
        int status = exchange.status();
        Optional<GraphError> error = GraphError.parse(exchange.body());
        Optional<Duration> retryAfter = retryAfter(exchange);
        Kind ambiguous = request.createsPost() ? Kind.UNKNOWN : Kind.TRANSIENT;
        if (error.isEmpty()) {
            String reason = platformName + " answered HTTP " + status + " without a Graph error" + bodyHint(exchange.body());
            if (status >= 200 && status < 300) {
                return failed(Kind.UNKNOWN, reason + ", and the answer could not be read: " + GraphTransport.describe(failure));
            }
            if (status == 429) {
                return new GraphResult.Failed<>(Kind.TRANSIENT, reason, retryAfter);
            }
            if (status >= 500) {
                return new GraphResult.Failed<>(ambiguous, mayExist(request, reason), retryAfter);
            }
            return failed(Kind.PERMANENT, reason);
        }
        GraphError graph = error.get();
        String described = platformName + " answered HTTP " + status + ": " + graph;
        if (graph.code() == INVALID_TOKEN_CODE) {
            return new GraphResult.Failed<>(Kind.PERMANENT, "access token rejected; " + described, Optional.empty(),
                    Optional.of(PublishOutcome.AccountTrouble.CREDENTIALS));
        }
        if ((graph.code() == DUPLICATE_CODE || graph.code() == BLOCKED_CODE) && request.createsPost() && request.attempt() > 1) {
            return failed(Kind.UNKNOWN, "refused as a duplicate on attempt " + request.attempt()
                    + ": the post probably exists from an earlier attempt; " + described);
        }
        if (graph.code() == DUPLICATE_CODE) {
            return failed(Kind.PERMANENT, "duplicate post refused; " + described);
        }
        if (isRateLimit(graph)) {
            boolean quota = graph.code() == IG_PUBLISH_LIMIT_CODE && graph.subcode() == IG_PUBLISH_LIMIT_SUBCODE;
            return new GraphResult.Failed<>(Kind.TRANSIENT, "rate limited; " + described, retryAfter, Optional.of(quota
                    ? PublishOutcome.AccountTrouble.QUOTA_EXHAUSTED : PublishOutcome.AccountTrouble.RATE_LIMITED));
        }
        if (graph.code() == APPLICATION_LIMIT_CODE || graph.code() == BLOCKED_CODE) {
            // 368: the account is temporarily blocked from posting; 341: the application's limit
            return new GraphResult.Failed<>(Kind.TRANSIENT, "refused for now; " + described, retryAfter,
                    Optional.of(graph.code() == BLOCKED_CODE ? PublishOutcome.AccountTrouble.LOCKED
                            : PublishOutcome.AccountTrouble.RATE_LIMITED));
        }
        if (request.createsPost() && IG_NOT_PUBLISHED_SUBCODES.contains(graph.subcode())) {
            return failed(Kind.TRANSIENT, "nothing was published; " + described);
        }
        if (SERVER_TROUBLE_CODES.contains(graph.code()) || IG_TRY_AGAIN_CODES.contains(graph.code())
                || graph.isTransient() || status == 429 || status >= 500) {
            return new GraphResult.Failed<>(ambiguous, mayExist(request, described), retryAfter);
        }
        return failed(Kind.PERMANENT, described);
    }

    private static <T> GraphResult.Failed<T> withoutAnswer(String platformName, RuntimeException failure) {
        IOException io = find(failure, IOException.class);
        if (io == null) {
            return failed(Kind.PERMANENT, "the request to " + platformName + " could not be made: "
                    + GraphTransport.describe(failure));
        }
        if (GraphTransport.neverLeft(io)) {
            return failed(Kind.TRANSIENT, "could not connect to " + platformName + ": " + io.getMessage());
        }
        return failed(Kind.UNKNOWN, platformName + "'s answer was lost after the request was sent: " + io.getMessage());
    }

    private static String mayExist(Request request, String reason) {
        return request.createsPost() ? "the post may have been created; " + reason : reason;
    }

    private static boolean isRateLimit(GraphError graph) {
        int code = graph.code();
        return code == 4 || code == 17 || code == 32 || code == 613
                || code >= BUSINESS_USE_CASE_LIMITS_FROM && code <= BUSINESS_USE_CASE_LIMITS_TO
                || code == IG_PUBLISH_LIMIT_CODE && graph.subcode() == IG_PUBLISH_LIMIT_SUBCODE;
    }

    private static <T> GraphResult.Failed<T> failed(Kind kind, String reason) {
        return new GraphResult.Failed<>(kind, reason, Optional.empty());
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

    private static <E extends Throwable> @Nullable E find(Throwable failure, Class<E> type) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !seen.contains(cause); cause = cause.getCause()) {
            seen.add(cause);
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** The {@code error} object of a Graph API error answer. */
    record GraphError(int code, int subcode, String type, String message, String fbtraceId, boolean isTransient) {

        /** A field the answer does not carry; Instagram's own codes include -1 and -2, so -1 cannot mean "absent". */
        static final int ABSENT = Integer.MIN_VALUE;

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
                return ABSENT;
            }
            if (value.isNumber()) {
                return value.asInt();
            }
            if (value.isString() && value.asString().matches("-?\\d{1,9}")) {
                return Integer.parseInt(value.asString());
            }
            return ABSENT;
        }

        private static String text(JsonObject object, String name) {
            JsonValue value = object.get(name);
            return value != null && value.isString() ? value.asString() : "";
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(message.isBlank() ? "(no message)" : message).append(" (code ").append(code);
            if (subcode != ABSENT) {
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
