package org.kohogateway.gateway.records;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;
import java.util.UUID;


/**
 * One line of the search: a record, its retention and its state.
 *
 * @param disposalDate the first day it may be disposed of; absent for a permanent record
 * @param holdReason   why it is on hold; absent when it is not
 * @param disposedAt   when its image bytes were disposed of; absent while kept whole
 */
public record RecordSummary(UUID postId, Instant firstSentAt, PostCategory category, String text,
        RetentionClass retention, @Nullable LocalDate disposalDate, @Nullable String holdReason,
        @Nullable Instant disposedAt) {
}
