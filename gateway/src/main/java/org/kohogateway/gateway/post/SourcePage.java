package org.kohogateway.gateway.post;

import java.time.Instant;

/**
 * The cited source of a PR direct publish as the gateway found it: proof for auditors that the content had been
 * published by the city when it was republished.
 *
 * @param title  the page's {@code <title>} (empty when it has none)
 * @param sha256 SHA-256 of the body, lower-case hex
 */
public record SourcePage(String title, String sha256, Instant fetchedAt) {
}
