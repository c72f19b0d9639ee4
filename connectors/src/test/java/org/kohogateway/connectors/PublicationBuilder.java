package org.kohogateway.connectors;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Test data for {@link Publication}: a first attempt at a text-only post with a fresh delivery key, so that a
 * test names only what it is about instead of the record's eight positional arguments.
 */
public final class PublicationBuilder {

    private UUID deliveryKey = UUID.randomUUID();
    private String text = "江津市からのお知らせ";
    private List<URI> links = List.of();
    private List<MediaItem> media = List.of();
    private boolean noReplies;
    private String replyTo;
    private String quoteOf;
    private int attempt = 1;
    private Instant publishAt;

    private PublicationBuilder() {
    }

    public static PublicationBuilder aPublication() {
        return new PublicationBuilder();
    }

    public PublicationBuilder deliveryKey(UUID deliveryKey) {
        this.deliveryKey = deliveryKey;
        return this;
    }

    public PublicationBuilder text(String text) {
        this.text = text;
        return this;
    }

    public PublicationBuilder links(URI... links) {
        this.links = List.of(links);
        return this;
    }

    public PublicationBuilder media(MediaItem... media) {
        return media(List.of(media));
    }

    public PublicationBuilder media(List<MediaItem> media) {
        this.media = List.copyOf(media);
        return this;
    }

    /** Images served at these addresses, as {@link TestImages#at} makes them. */
    public PublicationBuilder media(URI... publicUrls) {
        return media(Arrays.stream(publicUrls).map(TestImages::at).toList());
    }

    /** The account's policy forbids replies. */
    public PublicationBuilder noReplies() {
        this.noReplies = true;
        return this;
    }

    public PublicationBuilder replyTo(String postAddress) {
        this.replyTo = postAddress;
        return this;
    }

    public PublicationBuilder quoteOf(String postAddress) {
        this.quoteOf = postAddress;
        return this;
    }

    public PublicationBuilder attempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    /** The approved time, for a platform that publishes it itself then (YouTube). */
    public PublicationBuilder publishAt(Instant publishAt) {
        this.publishAt = publishAt;
        return this;
    }

    public Publication build() {
        return new Publication(deliveryKey, text, links, media, noReplies, replyTo, quoteOf, attempt, publishAt);
    }
}
