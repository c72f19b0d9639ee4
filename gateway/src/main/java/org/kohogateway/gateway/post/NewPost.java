package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A post as its author writes it.
 *
 * @param scheduledAt null for "as soon as approved"
 * @param sourceUrl   set only for a PR direct publish of already-published city content
 */
public record NewPost(String text, List<URI> links, PostCategory category, List<Long> accountIds, Instant scheduledAt,
        URI sourceUrl) {
}
