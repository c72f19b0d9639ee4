package org.kohogateway.gateway.support;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Time filters of searches and exports, brought into the range PostgreSQL's {@code timestamptz} holds: a filter
 * "to year 300000" means "to the end", not a database error.
 */
public final class SearchBounds {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private SearchBounds() {
    }

    /** @return the time within [{@link #EARLIEST}, {@link #LATEST}], or {@code fallback} when it is null */
    public static Instant clamp(@Nullable Instant time, Instant fallback) {
        if (time == null) {
            return fallback;
        }
        return time.isBefore(EARLIEST) ? EARLIEST : time.isAfter(LATEST) ? LATEST : time;
    }
}
