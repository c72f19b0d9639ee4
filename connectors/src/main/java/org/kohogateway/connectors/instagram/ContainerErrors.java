package org.kohogateway.connectors.instagram;

import java.util.List;
import java.util.Locale;

/**
 * Reads why an Instagram media container ended in {@code ERROR}. The container's {@code status} field is free
 * text ("Error: …"), not a documented list, so the causes are recognised by the error subcodes and user
 * messages of Meta's Instagram error-code table whose advice is "try again" or "generate a new container":
 * 2207001 (Instagram server error), 2207003 (timeout downloading the media), 2207020 (the media expired),
 * 2207032 (create media fail) and 2207053 (unknown upload error). Anything else (an unsupported image, a URL
 * Instagram cannot fetch) would fail the same way again.
 */
final class ContainerErrors {

    private static final List<String> TRY_AGAIN_MARKERS = List.of(
            "2207001", "2207003", "2207020", "2207032", "2207053",
            "instagram server error", "takes too long to download", "has expired", "re-create media",
            "unknown upload error");

    private ContainerErrors() {
    }

    /** Whether the container's {@code status} text names a cause that a new container may not meet. */
    static boolean worthANewContainer(String status) {
        String text = status == null ? "" : status.toLowerCase(Locale.ROOT);
        return TRY_AGAIN_MARKERS.stream().anyMatch(text::contains);
    }
}
