package org.kohogateway.gateway.post;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** What the approver approves: text, links and category. */
public record PostContent(String text, List<URI> links, PostCategory category) {

    public PostContent {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(category, "category");
        links = List.copyOf(links);
    }

    /**
     * Fingerprint of the content together with its targets and cited source; an approval is bound to
     * it, so any edit afterwards no longer matches.
     */
    String fingerprint(List<Long> accountIds, String sourceUrl) {
        StringBuilder canonical = new StringBuilder()
                .append("text:").append(text.length()).append(':').append(text)
                .append("\ncategory:").append(category)
                .append("\nsource:").append(sourceUrl == null ? "" : sourceUrl);
        links.forEach(link -> canonical.append("\nlink:").append(link));
        accountIds.stream().sorted().forEach(id -> canonical.append("\naccount:").append(id));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
