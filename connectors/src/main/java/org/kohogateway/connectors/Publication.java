package org.kohogateway.connectors;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What to publish for one delivery.
 *
 * @param deliveryKey stable for the delivery across every attempt, so platforms that accept an
 *                    idempotency key can recognise a repeat
 * @param text        the post's text, links already written into it where the platform needs that
 * @param links       links to attach where the platform has a separate link field
 * @param media       the images to attach, in the approved order
 * @param noReplies   the account's policy forbids replies, so the post should restrict them where
 *                    the platform can
 * @param replyTo     the address of the post this one answers, or {@code null}
 * @param quoteOf     the address of the post this one quotes, or {@code null}
 * @param attempt     which attempt at this delivery this is, from 1: a platform that refuses a repeat as a
 *                    "duplicate" on a later attempt is telling that an earlier attempt's post exists
 * @param publishAt   the approved time, for a platform that holds the post and makes it public itself at that time
 *                    (YouTube's {@code status.publishAt}), so that it appears on time even if the gateway is down then;
 *                    {@code null} to make it public at once. Platforms that cannot schedule ignore it.
 */
public record Publication(UUID deliveryKey, String text, List<URI> links, List<MediaItem> media, boolean noReplies,
        @Nullable String replyTo, @Nullable String quoteOf, int attempt, @Nullable Instant publishAt) {

    public Publication {
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(text, "text");
        links = List.copyOf(links);
        media = List.copyOf(media);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1: " + attempt);
        }
    }

    /** An attempt that is made public at once. */
    public Publication(UUID deliveryKey, String text, List<URI> links, List<MediaItem> media, boolean noReplies,
            @Nullable String replyTo, @Nullable String quoteOf, int attempt) {
        this(deliveryKey, text, links, media, noReplies, replyTo, quoteOf, attempt, null);
    }

    /** A first attempt. */
    public Publication(UUID deliveryKey, String text, List<URI> links, List<MediaItem> media, boolean noReplies,
            @Nullable String replyTo, @Nullable String quoteOf) {
        this(deliveryKey, text, links, media, noReplies, replyTo, quoteOf, 1);
    }

    /** A first attempt that answers and quotes nothing. */
    public Publication(UUID deliveryKey, String text, List<URI> links, List<MediaItem> media, boolean noReplies) {
        this(deliveryKey, text, links, media, noReplies, null, null);
    }

    /** A first attempt at a text-only publication. */
    public static Publication text(UUID deliveryKey, String text) {
        return new Publication(deliveryKey, text, List.of(), List.of(), false);
    }

    /**
     * Whether this answers or quotes another post: a connector that cannot do that must refuse rather than
     * publish a standalone post the approver did not approve.
     */
    public boolean refersToAnotherPost() {
        return replyTo != null || quoteOf != null;
    }
}
