package org.kohogateway.connectors.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The account's write allowance, as the PDS reports it on every write: {@code RateLimit-Remaining} points until
 * {@code RateLimit-Reset} (seconds since 1970). A record created costs 3 points, one deleted 1 (5,000 an hour, 35,000 a
 * day on Bluesky's own PDS). A post the allowance cannot pay for is not sent at all: it waits for the reset, as a
 * {@code 429 RateLimitExceeded} answer would make it wait anyway.
 */
final class WriteLimit {

    /** What one created record costs. */
    static final int CREATE_POINTS = 3;

    private final Clock clock;
    private long remaining = -1;
    private @Nullable Instant reset;

    WriteLimit(Clock clock) {
        this.clock = clock;
    }

    /** Remembers what a write's answer says of the allowance. */
    synchronized void observe(Xrpc.Answer answer) {
        Optional<Long> left = number(answer, "RateLimit-Remaining");
        Optional<Long> at = number(answer, "RateLimit-Reset");
        if (left.isPresent() && at.isPresent()) {
            remaining = left.get();
            reset = Instant.ofEpochSecond(at.get());
        }
    }

    /** How long to wait before a write of {@code points}, when the allowance last seen cannot pay for it. */
    synchronized Optional<Duration> waitFor(int points) {
        Instant now = clock.instant();
        if (reset == null || remaining < 0 || remaining >= points || !reset.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, reset));
    }

    /** The wait a {@code 429} asks for: until {@code RateLimit-Reset}, or {@code Retry-After} seconds. */
    Optional<Duration> retryAfter(Xrpc.Answer answer) {
        Optional<Long> at = number(answer, "RateLimit-Reset");
        if (at.isPresent()) {
            Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(at.get()));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
        return number(answer, "Retry-After").map(Duration::ofSeconds);
    }

    private static Optional<Long> number(Xrpc.Answer answer, String header) {
        return answer.headers().firstValue(header).map(String::strip).filter(v -> v.matches("\\d{1,12}"))
                .map(Long::parseLong);
    }
}
