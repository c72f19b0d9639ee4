package org.kohogateway.gateway.feed;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One poll of a feed and what came of it.
 *
 * @param httpStatus the response's status, or null when there was none (host unreachable, timeout)
 * @param problem    why the poll failed, or which items could not become drafts
 */
public record FeedPoll(long id, String url, Instant polledAt, Outcome outcome, @Nullable Integer httpStatus,
        int newItems, @Nullable String problem) {

    public enum Outcome {
        /** The feed had items not seen before; each became a draft (or, if it could not, a problem). */
        NEW_ITEMS,
        NO_NEW_ITEMS,
        /** 304: nothing changed since the last poll (conditional GET). */
        NOT_MODIFIED,
        /** HTTP error, unreachable host, not a feed: reported, the next poll tries again. */
        FAILED
    }
}
