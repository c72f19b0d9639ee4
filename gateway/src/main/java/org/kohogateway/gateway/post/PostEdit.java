package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** New content for an existing post; targets and route stay as created. */
public record PostEdit(String text, List<URI> links, List<URI> mediaUrls, PostCategory category,
        @Nullable Instant scheduledAt, @Nullable URI replyTo, @Nullable URI quoteOf, @Nullable String proposal,
        @Nullable List<MediaChoice> media) {

    public PostEdit {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** An edit without uploaded images. */
    public PostEdit(String text, List<URI> links, List<URI> mediaUrls, PostCategory category,
            @Nullable Instant scheduledAt, @Nullable URI replyTo, @Nullable URI quoteOf, @Nullable String proposal) {
        this(text, links, mediaUrls, category, scheduledAt, replyTo, quoteOf, proposal, List.of());
    }

    public static PostEdit of(String text, List<URI> links, PostCategory category, @Nullable Instant scheduledAt) {
        return new PostEdit(text, links, List.of(), category, scheduledAt, null, null, null);
    }
}
