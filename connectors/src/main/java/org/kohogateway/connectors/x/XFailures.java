package org.kohogateway.connectors.x;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PublishOutcome;
import twitter4j.JSONArray;
import twitter4j.JSONException;
import twitter4j.JSONObject;
import twitter4j.TwitterException;

/**
 * What a failed X API request means for the caller: {@link Kind#TRANSIENT} only when X certainly did not act
 * on it (the connection was never made, 429), {@link Kind#UNKNOWN} when it may have, {@link Kind#PERMANENT}
 * when X refused it. 401 (credentials), 403 (including "duplicate content" on a first attempt) and every other
 * 4xx are permanent. A 5xx is transient for reads and deletions but unknown for {@code POST /2/tweets}
 * ({@link #classifyCreating}).
 */
final class XFailures {

    private static final String DUPLICATE_DETAIL = "duplicate content";
    /** X's words for a suspended account (v1.1 code 64, v2 403 detail) and a locked one (code 326). */
    private static final String SUSPENDED = "suspended";
    private static final String LOCKED = "locked";
    /** Rate-limit header families X sends, the 24-hour posting caps first. */
    private static final List<String> LIMIT_FAMILIES = List.of("x-user-limit-24hour", "x-app-limit-24hour", "x-rate-limit");

    enum Kind { TRANSIENT, PERMANENT, UNKNOWN }

    /** @param trouble what the answer says about the account itself (suspended, locked, credentials, limits) */
    record Failure(Kind kind, String reason, Optional<Duration> retryAfter,
            Optional<PublishOutcome.AccountTrouble> trouble) {
        static Failure of(Kind kind, String reason) {
            return new Failure(kind, reason, Optional.empty(), Optional.empty());
        }

        Failure(Kind kind, String reason, Optional<Duration> retryAfter) {
            this(kind, reason, retryAfter, Optional.empty());
        }

        static Failure of(Kind kind, String reason, PublishOutcome.AccountTrouble trouble) {
            return new Failure(kind, reason, Optional.empty(), Optional.of(trouble));
        }
    }

    private final Clock clock;

    /** @param clock turns {@code x-rate-limit-reset} (epoch seconds) into a wait */
    XFailures(Clock clock) {
        this.clock = clock;
    }

    /** A failed request that cannot make a post: a read or a deletion. */
    Failure classify(TwitterException e) {
        return classify(e, false, 1);
    }

    /**
     * A failed {@code POST /2/tweets}. X has no idempotency key, so an answer that does not say the post was
     * refused (a 5xx, a lost answer) means the post may exist; and X refuses a repeat of a recent post's text
     * as "duplicate content", so that refusal on a later attempt says the earlier attempt's post exists.
     *
     * @param attempt which attempt at the delivery this is, from 1
     */
    Failure classifyCreating(TwitterException e, int attempt) {
        return classify(e, true, attempt);
    }

    private Failure classify(TwitterException e, boolean createsPost, int attempt) {
        if (e instanceof XTransport.NetworkFailure network) {
            return Failure.of(network.neverLeft() ? Kind.TRANSIENT : Kind.UNKNOWN, network.getMessage());
        }
        if (!(e instanceof XTransport.HttpFailure http)) {
            // A 2xx answer twitter4j-v2 could not parse: X acted on the request, its result is unreadable.
            return Failure.of(Kind.UNKNOWN, "X answered, but the answer could not be read: " + firstLine(e.getMessage()));
        }
        int status = http.status();
        ErrorBody error = ErrorBody.parse(http.body());
        String reason = "X answered HTTP " + status + ": " + error;
        if (status == 429) {
            return new Failure(Kind.TRANSIENT, "rate limited; " + reason, rateLimitWait(http), Optional.of(
                    capExhausted(http) ? PublishOutcome.AccountTrouble.QUOTA_EXHAUSTED
                            : PublishOutcome.AccountTrouble.RATE_LIMITED));
        }
        if (status >= 500) {
            return createsPost ? Failure.of(Kind.UNKNOWN, "the post may have been created; " + reason)
                    : new Failure(Kind.TRANSIENT, reason, retryAfterSeconds(http));
        }
        if (status == 401) {
            return Failure.of(Kind.PERMANENT, "credentials rejected; " + reason, PublishOutcome.AccountTrouble.CREDENTIALS);
        }
        String said = (error.detail() + " " + error.firstError() + " " + error.title()).toLowerCase(Locale.ROOT);
        if (status == 403 && said.contains(SUSPENDED)) {
            return Failure.of(Kind.PERMANENT, "the account is suspended; " + reason,
                    PublishOutcome.AccountTrouble.SUSPENDED);
        }
        if (status == 403 && said.contains(LOCKED)) {
            return Failure.of(Kind.PERMANENT, "the account is locked; " + reason, PublishOutcome.AccountTrouble.LOCKED);
        }
        if (status == 403 && error.detail().toLowerCase(Locale.ROOT).contains(DUPLICATE_DETAIL)) {
            return createsPost && attempt > 1
                    ? Failure.of(Kind.UNKNOWN, "refused as a duplicate on attempt " + attempt
                            + ": the post probably exists from an earlier attempt; " + reason)
                    : Failure.of(Kind.PERMANENT, "duplicate post refused; " + reason);
        }
        return Failure.of(Kind.PERMANENT, reason);
    }

    /** Whether a 24-hour posting cap (the user's or the app's), not the 15-minute window, is what ran out. */
    private static boolean capExhausted(XTransport.HttpFailure http) {
        return LIMIT_FAMILIES.stream().filter(family -> family.contains("24hour"))
                .anyMatch(family -> "0".equals(trim(http.header(family + "-remaining"))));
    }

    /**
     * Until the exhausted limit resets: X sends {@code x-rate-limit-*} for the endpoint's 15-minute window
     * and, for posting, {@code x-user-limit-24hour-*} / {@code x-app-limit-24hour-*}. The latest reset of an
     * exhausted family wins; without one, {@code x-rate-limit-reset} is used as given.
     */
    private Optional<Duration> rateLimitWait(XTransport.HttpFailure http) {
        OptionalLong latestExhausted = OptionalLong.empty();
        for (String family : LIMIT_FAMILIES) {
            OptionalLong reset = epochSeconds(http.header(family + "-reset"));
            if (reset.isPresent() && "0".equals(trim(http.header(family + "-remaining")))
                    && (latestExhausted.isEmpty() || reset.getAsLong() > latestExhausted.getAsLong())) {
                latestExhausted = reset;
            }
        }
        OptionalLong reset = latestExhausted.isPresent() ? latestExhausted : epochSeconds(http.header("x-rate-limit-reset"));
        if (reset.isEmpty()) {
            return retryAfterSeconds(http);
        }
        Duration wait = Duration.ofSeconds(reset.getAsLong() - clock.instant().getEpochSecond());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    private static Optional<Duration> retryAfterSeconds(XTransport.HttpFailure http) {
        String value = trim(http.header("Retry-After"));
        return value != null && value.matches("\\d{1,9}") ? Optional.of(Duration.ofSeconds(Long.parseLong(value)))
                : Optional.empty();
    }

    private static OptionalLong epochSeconds(@Nullable String header) {
        String value = trim(header);
        return value != null && value.matches("\\d{1,12}") ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
    }

    /** The fields of X's error answers: v2 problem details ({@code title}, {@code detail}, {@code errors[].message}) or v1.1 {@code errors[].message}. */
    private record ErrorBody(String title, String detail, String firstError, String raw) {

        static ErrorBody parse(@Nullable String body) {
            String raw = body == null ? "" : body.strip();
            if (raw.startsWith("{")) {
                try {
                    JSONObject json = new JSONObject(raw);
                    String firstError = "";
                    JSONArray errors = json.optJSONArray("errors");
                    if (errors != null && errors.length() > 0 && errors.opt(0) instanceof JSONObject error) {
                        firstError = error.optString("message", "");
                    }
                    return new ErrorBody(json.optString("title", ""), json.optString("detail", ""), firstError, raw);
                } catch (JSONException unreadable) {
                    // Fall through: described by its first characters.
                }
            }
            return new ErrorBody("", "", "", raw);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            if (!detail.isBlank()) {
                text.append(detail);
            }
            if (!firstError.isBlank() && !firstError.equals(detail)) {
                text.append(text.isEmpty() ? "" : " ").append(text.isEmpty() ? firstError : "(" + firstError + ")");
            }
            if (!title.isBlank()) {
                text.append(text.isEmpty() ? title : " [" + title + "]");
            }
            if (!text.isEmpty()) {
                return text.toString();
            }
            if (raw.isEmpty()) {
                return "(empty body)";
            }
            // An HTML error page from a proxy or load balancer: its text says more than its markup.
            String visible = raw.startsWith("<") ? raw.replaceAll("<[^>]*>", " ") : raw;
            String oneLine = visible.replaceAll("\\s+", " ").strip();
            return "(not an X error body: " + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine) + ")";
        }
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "(no detail)";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static @Nullable String trim(@Nullable String value) {
        return value == null ? null : value.trim();
    }
}
