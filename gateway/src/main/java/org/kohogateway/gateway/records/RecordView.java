package org.kohogateway.gateway.records;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.PostCategory;

/**
 * A post as the record of what the city published: its content as approved and as each platform received it, who
 * decided what and when, where it went out, what became of it on the platforms, and its audit entries with their
 * places in the hash chain. What {@code GET /api/records/posts/{id}} answers and a disclosure package holds.
 *
 * @param author       the username of who wrote it
 * @param correctionOf the post this one corrects (guideline §7-①)
 * @param texts        the text exactly as each account's platform received it
 * @param decisions    submissions, approvals, acknowledged findings and the other decisions, oldest first
 * @param audit        every audit entry of the post, its deliveries and its record, in chain order
 */
public record RecordView(UUID postId, String status, PostCategory category, String route, long departmentId,
        String author, Instant createdAt, Retention retention, PostRecord.@Nullable Hold hold,
        @Nullable Disposal disposal, String text, List<URI> links, @Nullable Source source,
        @Nullable UUID correctionOf, List<PlatformText> texts, List<Image> media, List<Decision> decisions,
        List<Sent> deliveries, List<Correction> corrections, List<AuditEntry> audit) {

    /**
     * @param startsOn      起算日
     * @param retainedUntil 満了日, the last day it must be kept; absent when kept permanently
     * @param disposalDate  the first day it may be disposed of; absent when kept permanently
     */
    public record Retention(RetentionClass retentionClass, Instant firstSentAt, LocalDate startsOn,
            @Nullable LocalDate retainedUntil, @Nullable LocalDate disposalDate) {
    }

    /** When disposal removed the record's image bytes, by which approved list. */
    public record Disposal(Instant at, @Nullable Long listId) {
    }

    /** The official page a PR direct publish cites, as fetched when it was published. */
    public record Source(String url, @Nullable String title, @Nullable String sha256, @Nullable Instant fetchedAt) {
    }

    public record PlatformText(long accountId, String account, Platform platform, String text) {
    }

    /**
     * One image as approved, in its place.
     *
     * @param bytesKept whether its bytes are still stored; after disposal only this entry (the tombstone) remains
     */
    public record Image(int position, long mediaId, String sha256, String contentType, long bytes, int width,
            int height, String altText, boolean bytesKept) {
    }

    /** A person's (or the gateway's) decision on the post, from its audit entry at chain position {@code seq}. */
    public record Decision(String action, String actor, Instant at, long seq, String detail) {
    }

    /**
     * One delivery: where the post went out and what became of it there.
     *
     * @param url            the post's public address, where the platform has one for it (X, Facebook)
     * @param deletedAt      when it was deleted on the platform (a correction, guideline §7-②)
     * @param deletionReason why it was deleted
     */
    public record Sent(UUID deliveryId, long accountId, String account, Platform platform, DeliveryStatus status,
            @Nullable String platformPostId, @Nullable URI url, @Nullable Instant sentAt, @Nullable Instant deletedAt,
            @Nullable String deletionReason) {
    }

    /** A post written to correct this one. */
    public record Correction(UUID postId, String status, Instant createdAt, String text) {
    }
}
