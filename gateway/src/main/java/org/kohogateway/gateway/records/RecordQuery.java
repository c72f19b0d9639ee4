package org.kohogateway.gateway.records;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.SearchBounds;

/**
 * The auditors' search: each filter given narrows it, none given lists the newest records.
 *
 * @param text           words in the post's text
 * @param accountId      a record sent to this account
 * @param from           first sent at or after
 * @param to             first sent before
 * @param platformPostId the id a platform gave one of its deliveries
 */
public record RecordQuery(@Nullable String text, @Nullable Long accountId, @Nullable Instant from,
        @Nullable Instant to, @Nullable PostCategory category, @Nullable String platformPostId, int limit) {

    public static final int MAX_LIMIT = 500;
    static final int MAX_TEXT = 200;

    public RecordQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("records.limit", "limit must be 1.." + MAX_LIMIT, MAX_LIMIT);
        }
        text = text == null || text.isBlank() ? null : text.strip();
        platformPostId = platformPostId == null || platformPostId.isBlank() ? null : platformPostId.strip();
        if (text != null && text.length() > MAX_TEXT || platformPostId != null && platformPostId.length() > MAX_TEXT) {
            throw new InvalidRequestException("records.searchTooLong", "search words are at most " + MAX_TEXT
                    + " characters", MAX_TEXT);
        }
        from = from == null ? null : SearchBounds.clamp(from, SearchBounds.EARLIEST);
        to = to == null ? null : SearchBounds.clamp(to, SearchBounds.LATEST);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("records.badRange", "the range must start before it ends");
        }
    }
}
