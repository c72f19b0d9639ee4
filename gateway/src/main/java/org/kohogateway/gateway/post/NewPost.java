package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A post as its author writes it.
 *
 * @param scheduledAt null for "as soon as approved"
 * @param sourceUrl   set only for a PR direct publish of already-published city content
 * @param replyTo     URL of the post this one replies to, if it is a reply
 * @param quoteOf     URL of the post this one quotes or reposts, if any
 * @param correctionOf the already-sent post this one corrects (guideline §7-①), if it is a correction
 * @param proposal     the policy proposal this answers (§6-③ ア), its address or number; null if none
 * @param media        uploaded images, in order, each with its alt text for this post
 * @param drill        a drill (訓練): sent only to the staff's test recipients, never to a public account
 */
public record NewPost(String text, List<URI> links, List<URI> mediaUrls, PostCategory category, List<Long> accountIds,
        @Nullable Instant scheduledAt, @Nullable URI sourceUrl, @Nullable URI replyTo, @Nullable URI quoteOf,
        @Nullable PostId correctionOf, @Nullable String proposal, @Nullable List<MediaChoice> media, boolean drill) {

    public NewPost {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A live post with uploaded images. */
    public NewPost(String text, List<URI> links, List<URI> mediaUrls, PostCategory category, List<Long> accountIds,
            @Nullable Instant scheduledAt, @Nullable URI sourceUrl, @Nullable URI replyTo, @Nullable URI quoteOf,
            @Nullable PostId correctionOf, @Nullable String proposal, @Nullable List<MediaChoice> media) {
        this(text, links, mediaUrls, category, accountIds, scheduledAt, sourceUrl, replyTo, quoteOf, correctionOf,
                proposal, media, false);
    }

    /** A post without uploaded images. */
    public NewPost(String text, List<URI> links, List<URI> mediaUrls, PostCategory category, List<Long> accountIds,
            @Nullable Instant scheduledAt, @Nullable URI sourceUrl, @Nullable URI replyTo, @Nullable URI quoteOf,
            @Nullable PostId correctionOf, @Nullable String proposal) {
        this(text, links, mediaUrls, category, accountIds, scheduledAt, sourceUrl, replyTo, quoteOf, correctionOf,
                proposal, List.of(), false);
    }

    /** A plain text post: no images, not a reply or quote, not a PR direct publish. */
    public static NewPost of(String text, List<URI> links, PostCategory category, List<Long> accountIds,
            Instant scheduledAt) {
        return new NewPost(text, links, List.of(), category, accountIds, scheduledAt, null, null, null, null, null);
    }

    /** The same post as a drill. */
    public NewPost asDrill() {
        return new NewPost(text, links, mediaUrls, category, accountIds, scheduledAt, sourceUrl, replyTo, quoteOf,
                correctionOf, proposal, media, true);
    }
}
