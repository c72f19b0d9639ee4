package org.kohogateway.connectors;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What to publish for one delivery.
 *
 * @param deliveryKey stable for the delivery across every attempt, so platforms that accept an
 *                    idempotency key can recognise a repeat
 * @param text        the post's text, links already written into it where the platform needs that
 * @param links       links to attach where the platform has a separate link field
 * @param mediaUrls   public URLs of images to attach
 * @param noReplies   the account's policy forbids replies, so the post should restrict them where
 *                    the platform can
 */
public record Publication(UUID deliveryKey, String text, List<URI> links, List<URI> mediaUrls, boolean noReplies) {

    public Publication {
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(text, "text");
        links = List.copyOf(links);
        mediaUrls = List.copyOf(mediaUrls);
    }

    public static Publication text(UUID deliveryKey, String text) {
        return new Publication(deliveryKey, text, List.of(), List.of(), false);
    }
}
