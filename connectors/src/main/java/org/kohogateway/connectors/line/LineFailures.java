package org.kohogateway.connectors.line;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.kohogateway.connectors.PublishOutcome;

import com.linecorp.bot.client.base.exception.AbstractLineClientException;
import com.linecorp.bot.messaging.client.MessagingApiClientException;
import com.linecorp.bot.messaging.model.ErrorDetail;

/**
 * What a failed LINE call means for a delivery: sent after all (a 409 naming the accepted request), worth another try
 * (429, 5xx, never connected), refused for good, or unknown (the request left and the answer was lost) — one home,
 * like {@code GraphFailures} and {@code XFailures} for the other platforms.
 */
final class LineFailures {

    private LineFailures() {
    }

    /**
     * The SDK completes the future exceptionally with an {@link AbstractLineClientException} for every
     * non-2xx answer ({@link MessagingApiClientException} when the error body is LINE's JSON, its sibling
     * {@code LineClientJsonParseException} when it is not), and with a plain {@link java.io.IOException}
     * when no answer came at all.
     */
    static PublishOutcome classify(Throwable failure) {
        if (failure instanceof AbstractLineClientException http) {
            return classifyHttp(http);
        }
        if (neverLeft(failure)) {
            return new PublishOutcome.Transient("could not connect to LINE: " + describe(failure), Optional.empty());
        }
        return new PublishOutcome.Unknown("LINE's answer was lost after the request was sent: " + describe(failure));
    }

    private static PublishOutcome classifyHttp(AbstractLineClientException http) {
        int status = http.getCode();
        String acceptedRequestId = http.getHeader("X-Line-Accepted-Request-Id");
        if (status == 409 && acceptedRequestId != null && !acceptedRequestId.isBlank()) {
            return new PublishOutcome.Published(acceptedRequestId);
        }
        String reason = httpReason(http);
        if (status == 429) {
            // LINE answers 429 both for its rate limit and for the month's message quota used up
            boolean quota = reason.toLowerCase(Locale.ROOT).contains("monthly limit");
            return new PublishOutcome.Transient(reason, retryAfter(http.getHeader("Retry-After")), Optional.of(quota
                    ? PublishOutcome.AccountTrouble.QUOTA_EXHAUSTED : PublishOutcome.AccountTrouble.RATE_LIMITED));
        }
        if (status == 401) {
            return new PublishOutcome.Permanent(reason, Optional.of(PublishOutcome.AccountTrouble.CREDENTIALS));
        }
        if (status >= 500) {
            // LINE may have made the broadcast before failing: safe to retry under the retry key, but until then the
            // delivery may already be out (a pause must not hold it as if it were not)
            return new PublishOutcome.Unknown(reason);
        }
        return new PublishOutcome.Permanent(reason);
    }

    static String httpReason(AbstractLineClientException http) {
        String reason = "LINE answered HTTP " + http.getCode();
        if (!(http instanceof MessagingApiClientException api) || api.getError() == null) {
            return reason + " without a readable error message";
        }
        String details = api.getDetails().stream()
                .filter(detail -> detail.message() != null)
                .map(LineFailures::describe)
                .collect(Collectors.joining("; "));
        return reason + ": " + api.getError() + (details.isEmpty() ? "" : " (" + details + ")");
    }

    private static String describe(ErrorDetail detail) {
        return detail.property() == null ? detail.message() : detail.property() + ": " + detail.message();
    }

    /**
     * Whether the failure happened while connecting, so LINE cannot have seen the request. A timeout
     * is only such a failure when it was the connect timeout; a read timeout means the request left.
     */
    private static boolean neverLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return true;
            }
            if (cause instanceof SocketTimeoutException && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }

    /** Reads {@code Retry-After} in either of its HTTP forms: delay in seconds or an HTTP date. */
    private static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
