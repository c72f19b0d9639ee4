package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * New content for an existing post; targets, route and whether it is a drill stay as created.
 *
 * @param drill what the editor says the post is; null when they do not say. Anything but what it is is refused
 */
public record PostEdit(String text, List<URI> links, List<URI> mediaUrls, PostCategory category,
        @Nullable Instant scheduledAt, @Nullable URI replyTo, @Nullable URI quoteOf, @Nullable String proposal,
        @Nullable List<MediaChoice> media, @Nullable Boolean drill) {

    public PostEdit {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** An edit that does not say whether the post is a drill. */
    public PostEdit(String text, List<URI> links, List<URI> mediaUrls, PostCategory category,
            @Nullable Instant scheduledAt, @Nullable URI replyTo, @Nullable URI quoteOf, @Nullable String proposal,
            @Nullable List<MediaChoice> media) {
        this(text, links, mediaUrls, category, scheduledAt, replyTo, quoteOf, proposal, media, null);
    }

    /** An edit without uploaded images. */
    public PostEdit(String text, List<URI> links, List<URI> mediaUrls, PostCategory category,
            @Nullable Instant scheduledAt, @Nullable URI replyTo, @Nullable URI quoteOf, @Nullable String proposal) {
        this(text, links, mediaUrls, category, scheduledAt, replyTo, quoteOf, proposal, List.of(), null);
    }

    public static PostEdit of(String text, List<URI> links, PostCategory category, @Nullable Instant scheduledAt) {
        return new PostEdit(text, links, List.of(), category, scheduledAt, null, null, null);
    }
}
