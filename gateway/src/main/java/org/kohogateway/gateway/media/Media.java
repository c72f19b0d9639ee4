package org.kohogateway.gateway.media;

import java.time.Instant;

/**
 * One uploaded image, already cleaned of its metadata.
 *
 * @param sha256        hex SHA-256 of the cleaned bytes, the key they are stored under and what an approval binds
 * @param altText       the description given at upload, a suggestion a post may override; empty when none
 * @param sourceUrl     the address it was fetched from when it was pasted rather than uploaded, else null
 */
public record Media(long id, String sha256, String contentType, long bytes, int width, int height,
        String previewSha256, long previewBytes, String altText, String sourceUrl, long uploadedBy,
        Instant uploadedAt) {

    /** Which bytes of an image: the cleaned original or the small JPEG preview. */
    public enum Variant {
        ORIGINAL, PREVIEW
    }
}
