package org.kohogateway.connectors.youtube;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.kohogateway.connectors.PublishOutcome;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;

/**
 * What the Data API's answers and a network's failures mean, read from Google's error body
 * ({@code {"error":{"code","message","errors":[{"reason","domain","message"}]}}}).
 *
 * <p>Quota: a Google Cloud project has 10,000 units a day (an upload costs 1,600, a look-up 1); once they are spent
 * every call is refused {@code 403 quotaExceeded} until the quota resets at midnight Pacific Time, so that is the wait.
 * A channel's own upload limit ({@code 400 uploadLimitExceeded}) lifts within a day.
 */
final class YouTubeFailures {

    static final ZoneId QUOTA_RESET_ZONE = ZoneId.of("America/Los_Angeles");

    private static final Set<String> QUOTA = Set.of("quotaExceeded", "dailyLimitExceeded");
    private static final Set<String> RATE = Set.of("rateLimitExceeded", "userRateLimitExceeded");
    private static final Set<String> CREDENTIALS = Set.of("authError", "forbidden", "insufficientPermissions",
            "youtubeSignupRequired", "accountDelegationForbidden");

    private YouTubeFailures() {
    }

    /** How long until the project's daily quota resets: the next midnight in Pacific Time. */
    static Duration untilQuotaReset(Clock clock) {
        Instant now = clock.instant();
        LocalDate tomorrow = now.atZone(QUOTA_RESET_ZONE).toLocalDate().plusDays(1);
        return Duration.between(now, ZonedDateTime.of(tomorrow.atStartOfDay(), QUOTA_RESET_ZONE).toInstant());
    }

    /**
     * One failed call.
     *
     * @param status    the HTTP status, or 0 when no answer came
     * @param reasons   the reasons of Google's error body
     * @param neverLeft the request certainly never reached Google (no connection was made)
     */
    record Failure(int status, List<String> reasons, String description, boolean neverLeft) {

        static Failure of(IOException e) {
            if (e instanceof GoogleJsonResponseException g) {
                GoogleJsonError details = g.getDetails();
                List<String> reasons = new ArrayList<>();
                String message = g.getStatusMessage() == null ? "" : g.getStatusMessage();
                if (details != null) {
                    if (details.getErrors() != null) {
                        details.getErrors().forEach(info -> {
                            if (info.getReason() != null) {
                                reasons.add(info.getReason());
                            }
                        });
                    }
                    message = details.getMessage() == null ? message : details.getMessage();
                }
                return new Failure(g.getStatusCode(), List.copyOf(reasons), "YouTube answered HTTP "
                        + g.getStatusCode() + (reasons.isEmpty() ? "" : " " + reasons) + ": " + message, false);
            }
            if (e instanceof HttpResponseException h) {
                return new Failure(h.getStatusCode(), List.of(), "YouTube answered HTTP " + h.getStatusCode() + " "
                        + (h.getStatusMessage() == null ? "" : h.getStatusMessage()), false);
            }
            Throwable cause = rootOf(e);
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return new Failure(0, List.of(), "could not connect to Google: " + cause.getMessage(), true);
            }
            if (cause instanceof SocketTimeoutException timeout) {
                boolean connecting = String.valueOf(timeout.getMessage()).toLowerCase().contains("connect");
                return new Failure(0, List.of(), connecting ? "could not connect to Google within the connect timeout"
                        : "no answer from Google within the read timeout", connecting);
            }
            return new Failure(0, List.of(), "the connection to Google failed: " + cause, false);
        }

        boolean quota() {
            return reasons.stream().anyMatch(QUOTA::contains);
        }

        boolean credentialsRefused() {
            return status == 401 || status == 403 && reasons.stream().anyMatch(CREDENTIALS::contains);
        }

        /**
         * The outcome of a failure that came before YouTube could have made the video (the token, the upload's start,
         * a chunk that was not the last): the video does not exist, so the question is only whether to try again.
         */
        PublishOutcome beforeTheVideo(Clock clock, String nothing) {
            String reason = description + "; " + nothing;
            if (quota()) {
                return new PublishOutcome.Transient("the Google Cloud project's YouTube quota is spent until midnight "
                        + "Pacific Time: " + reason, Optional.of(untilQuotaReset(clock)),
                        Optional.of(PublishOutcome.AccountTrouble.QUOTA_EXHAUSTED));
            }
            if (reasons.contains("uploadLimitExceeded")) {
                return new PublishOutcome.Transient("the channel has reached YouTube's upload limit for the day: "
                        + reason, Optional.of(Duration.ofDays(1)), Optional.of(PublishOutcome.AccountTrouble.QUOTA_EXHAUSTED));
            }
            if (status == 429 || reasons.stream().anyMatch(RATE::contains)) {
                return new PublishOutcome.Transient(reason, Optional.of(Duration.ofMinutes(1)),
                        Optional.of(PublishOutcome.AccountTrouble.RATE_LIMITED));
            }
            if (status == 0 || status >= 500 || status == 404 || status == 410) {
                return new PublishOutcome.Transient(reason, Optional.empty());
            }
            return credentialsRefused() ? new PublishOutcome.Permanent("YouTube refused the channel's credentials: "
                    + reason, Optional.of(PublishOutcome.AccountTrouble.CREDENTIALS)) : new PublishOutcome.Permanent(reason);
        }

        /**
         * The outcome of a failure while the video's last bytes were on their way: YouTube may have made the video
         * unless it said why not.
         */
        PublishOutcome atTheLastChunk(Clock clock) {
            if (status == 0 && !neverLeft || status >= 500 || status == 404 || status == 410) {
                return new PublishOutcome.Unknown(description + "; the video's last bytes were sent, so YouTube may "
                        + "have made the video: look among the channel's uploads before sending it again");
            }
            return beforeTheVideo(clock, "no video was made");
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof IOException || cause instanceof RuntimeException ? cause : e;
    }
}
