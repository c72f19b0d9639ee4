package org.kohogateway.gateway.weather;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * One poll of one feed and what came of it.
 *
 * @param httpStatus the feed's answer, null when there was none (unreachable, refused address)
 * @param reports    reports read (fetched and recorded) in this poll, malformed ones included
 * @param changes    changes stored for the configured areas: each one announced once
 * @param malformed  reports that were not readable weather warnings: logged, recorded and skipped
 * @param problem    why the feed could not be read, or which reports could not be fetched (tried again next poll)
 */
public record WeatherPoll(URI feed, Outcome outcome, @Nullable Integer httpStatus, int reports, int changes, int malformed,
        @Nullable String problem) {

    public enum Outcome {
        /** The feed was read; each report not seen before was fetched, at most {@code max-reports-per-poll}. */
        READ,
        /** 304: unchanged since the last poll (conditional GET with the last ETag and Last-Modified). */
        NOT_MODIFIED,
        /** HTTP error, unreachable, not an Atom feed: logged, the next poll tries again. */
        FAILED
    }
}
