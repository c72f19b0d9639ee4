package org.kohogateway.gateway.post;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the approver approves.
 *
 * @param mediaUrls public URLs of the images to attach
 * @param replyTo   the post this one replies to or comments on, if any
 * @param quoteOf   the post this one quotes or reposts, if any
 * @param proposal  the policy proposal an answer to one answers (guideline §6-③ ア): its address or number
 * @param media     uploaded images in the order they are shown, each bound by its SHA-256 and alt text
 */
public record PostContent(String text, List<URI> links, PostCategory category, List<URI> mediaUrls,
        @Nullable String replyTo, @Nullable String quoteOf, @Nullable String proposal, List<PostMedia> media) {

    public PostContent {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(category, "category");
        links = List.copyOf(links);
        mediaUrls = List.copyOf(mediaUrls);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** Content without uploaded images. */
    public PostContent(String text, List<URI> links, PostCategory category, List<URI> mediaUrls, String replyTo,
            String quoteOf, String proposal) {
        this(text, links, category, mediaUrls, replyTo, quoteOf, proposal, List.of());
    }

    public static PostContent text(String text, PostCategory category) {
        return new PostContent(text, List.of(), category, List.of(), null, null, null);
    }

    /**
     * Fingerprint of the content together with its targets and cited source; an approval is bound to it, so any
     * edit afterwards no longer matches.
     */
    String fingerprint(List<Long> accountIds, @Nullable String sourceUrl) {
        StringBuilder canonical = new StringBuilder()
                .append("text:").append(text.length()).append(':').append(text)
                .append("\ncategory:").append(category)
                .append("\nsource:").append(sourceUrl == null ? "" : sourceUrl)
                .append("\nreplyTo:").append(replyTo == null ? "" : replyTo)
                .append("\nquoteOf:").append(quoteOf == null ? "" : quoteOf)
                .append("\nproposal:").append(proposal == null ? "" : proposal);
        links.forEach(link -> canonical.append("\nlink:").append(link));
        mediaUrls.forEach(url -> canonical.append("\nmedia:").append(url));
        // the bytes, their place and what a screen reader says: any change is a different post to approve
        media.forEach(image -> canonical.append("\nimage:").append(image.sha256()).append(':')
                .append(image.altText().length()).append(':').append(image.altText()));
        accountIds.stream().sorted().forEach(id -> canonical.append("\naccount:").append(id));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
