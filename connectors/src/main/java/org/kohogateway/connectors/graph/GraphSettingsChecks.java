package org.kohogateway.connectors.graph;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Validation shared by the Graph connectors' settings records. */
public final class GraphSettingsChecks {

    /** The Graph API's production origin. */
    public static final URI PRODUCTION_GRAPH_URL = URI.create("https://graph.facebook.com");

    private GraphSettingsChecks() {
    }

    /** An http(s) URL with a host and no query or fragment; RestFB appends {@code /v22.0/...} to it. */
    public static void requireBaseUrl(URI url, String name) {
        Objects.requireNonNull(url, name);
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL with a host: " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must carry no query or fragment: " + url);
        }
    }

    /** A Graph node id: digits in practice; anything that would change the request path is refused. */
    public static void requireNodeId(String id, String name) {
        Objects.requireNonNull(id, name);
        if (id.isBlank() || !id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException(name + " must be a Graph node id such as 1234567890: '" + id + "'");
        }
    }

    public static void requireToken(String token, String name) {
        Objects.requireNonNull(token, name);
        if (token.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    public static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** How a container flow ({@link MetaContainers}) waits: a pause of zero or more, and at least one check. */
    public static void requireStatusChecks(Duration pollInterval, int maxStatusChecks) {
        if (pollInterval == null || pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be zero or positive: " + pollInterval);
        }
        if (maxStatusChecks < 1) {
            throw new IllegalArgumentException("maxStatusChecks must be at least 1: " + maxStatusChecks);
        }
    }
}
