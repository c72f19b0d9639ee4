package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** New content for an existing post; targets and route stay as created. */
public record PostEdit(String text, List<URI> links, List<URI> mediaUrls, PostCategory category,
        @Nullable Instant scheduledAt, @Nullable URI replyTo, @Nullable URI quoteOf, @Nullable String proposal) {

    public static PostEdit of(String text, List<URI> links, PostCategory category, @Nullable Instant scheduledAt) {
        return new PostEdit(text, links, List.of(), category, scheduledAt, null, null, null);
    }
}
