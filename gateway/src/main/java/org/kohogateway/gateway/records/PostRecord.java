package org.kohogateway.gateway.records;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostId;

/**
 * What the records module keeps of a post beyond the post itself: its retention, hold and disposal.
 *
 * @param hold           the open hold; absent when the record is not on hold
 * @param disposedAt     when disposal removed its image bytes; absent while it is whole
 * @param disposalListId the approved list that disposed of it
 * @param tombstone      the JSON disposal kept of its images (hashes, alt text, whether the bytes went)
 */
public record PostRecord(PostId postId, Instant firstSentAt, RetentionClass retention, RetentionSchedule schedule,
        Instant registeredAt, @Nullable Hold hold, @Nullable Instant disposedAt, @Nullable Long disposalListId,
        @Nullable String tombstone) {

    /** A legal hold: the record is kept whatever its disposal date. */
    public record Hold(String reason, String placedBy, Instant placedAt) {
    }

    public boolean held() {
        return hold != null;
    }

    public boolean disposed() {
        return disposedAt != null;
    }
}
