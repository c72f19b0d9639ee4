package org.kohogateway.gateway.post;

import java.util.Objects;

/**
 * One image of a post as the approver sees it: the exact bytes (by SHA-256), in its place in the order, with its alt
 * text. All three are part of the content hash, so changing any of them after approval voids it.
 */
public record PostMedia(long mediaId, String sha256, String contentType, long bytes, int width, int height,
        String altText) {

    public PostMedia {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        altText = altText == null ? "" : altText;
    }
}
