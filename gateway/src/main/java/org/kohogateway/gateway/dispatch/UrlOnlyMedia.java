package org.kohogateway.gateway.dispatch;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.kohogateway.connectors.MediaItem;

/**
 * A stand-in until the gateway stores media (issue 19): a post still names its images by URL only, so they reach
 * the connectors as {@link MediaItem}s that have an address but no bytes. Platforms that fetch by address (Instagram,
 * LINE) take them as before; platforms that need the bytes (X, Facebook) refuse them for good, since
 * {@link MediaItem.Unavailable} says they will never be there. The media store's branch replaces the two callers
 * ({@link Dispatcher} and {@link LinePreviews}) and removes this class.
 */
final class UrlOnlyMedia {

    private UrlOnlyMedia() {
    }

    /** The post's image URLs as media items without stored bytes, in order. */
    static List<MediaItem> asMediaItems(List<URI> mediaUrls) {
        return mediaUrls.stream().map(UrlOnlyMedia::item).toList();
    }

    private static MediaItem item(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        return new MediaItem("unknown", path.endsWith(".png") ? "image/png" : "image/jpeg", 0, 0, 0, "", url, url, () -> {
            throw new MediaItem.Unavailable("no stored bytes: the image is known only by its address " + url);
        });
    }
}
