package org.kohogateway.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;

/**
 * One image of a publication, exactly as it was approved.
 *
 * <p>Platforms that take bytes (X, Facebook) read {@link #content()}; platforms that fetch by address
 * (Instagram, LINE) get {@link #publicUrl()} and, for LINE, {@link #previewUrl()}: signed, expiring
 * addresses served by the gateway that answer only with these approved bytes.
 *
 * @param sha256      the hex SHA-256 of the bytes the approver saw, which the approval binds
 * @param contentType {@code image/jpeg} or {@code image/png}
 * @param bytes       the size of the content in bytes
 * @param width       in pixels, orientation already applied
 * @param height      in pixels, orientation already applied
 * @param altText     the description for people who cannot see the image; empty when none was written
 * @param publicUrl   where a platform may fetch the image
 * @param previewUrl  where a platform may fetch a small preview (LINE's {@code previewImageUrl})
 * @param content     opens the bytes for an upload; each call starts from the first byte
 */
public record MediaItem(String sha256, String contentType, long bytes, int width, int height, String altText,
        URI publicUrl, URI previewUrl, Content content) {

    public MediaItem {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(altText, "altText");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(previewUrl, "previewUrl");
        Objects.requireNonNull(content, "content");
    }

    /** The bytes of an image, streamed rather than held, since a photo can be ten megabytes. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * The bytes are not kept anywhere and never will be (an image known only by an address): a platform that needs
     * the bytes refuses such an item for good instead of trying again.
     */
    public static final class Unavailable extends IOException {

        public Unavailable(String message) {
            super(message);
        }
    }
}
