package org.kohogateway.connectors.instagram;

import java.net.URI;
import java.time.Duration;

import org.kohogateway.connectors.graph.GraphSettingsChecks;

/**
 * How to reach one Instagram professional account through the Instagram Graph API (Facebook Login).
 *
 * @param graphBaseUrl    the Graph API origin, {@code https://graph.facebook.com} in production; the
 *                        pinned API version ({@code /v22.0}) is appended to it
 * @param igUserId        the Instagram professional account's IG user id (not the username)
 * @param accessToken     a token with {@code instagram_basic} and {@code instagram_content_publish};
 *                        never shown by {@link #toString()}
 * @param connectTimeout  how long to wait for a connection to the Graph API
 * @param readTimeout     how long to wait for an answer once a request has been sent
 * @param pollInterval    the pause between two checks of a media container's status; zero checks back
 *                        to back (tests)
 * @param maxStatusChecks how many times to check a container before giving up on it for this attempt
 */
public record InstagramSettings(URI graphBaseUrl, String igUserId, String accessToken, Duration connectTimeout,
        Duration readTimeout, Duration pollInterval, int maxStatusChecks) {

    public static final URI PRODUCTION_GRAPH_URL = GraphSettingsChecks.PRODUCTION_GRAPH_URL;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** An image container is usually ready at once; a few seconds cover the slow cases. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_STATUS_CHECKS = 15;

    public InstagramSettings {
        GraphSettingsChecks.requireBaseUrl(graphBaseUrl, "graphBaseUrl");
        GraphSettingsChecks.requireNodeId(igUserId, "igUserId");
        GraphSettingsChecks.requireToken(accessToken, "accessToken");
        GraphSettingsChecks.requirePositive(connectTimeout, "connectTimeout");
        GraphSettingsChecks.requirePositive(readTimeout, "readTimeout");
        GraphSettingsChecks.requireStatusChecks(pollInterval, maxStatusChecks);
    }

    /** Settings with 5 s connect and 30 s read timeouts, checking a container up to 15 times 2 s apart. */
    public static InstagramSettings of(URI graphBaseUrl, String igUserId, String accessToken) {
        return new InstagramSettings(graphBaseUrl, igUserId, accessToken, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_POLL_INTERVAL, DEFAULT_MAX_STATUS_CHECKS);
    }

    /** Masks the access token so that settings can be logged. */
    @Override
    public String toString() {
        return "InstagramSettings[graphBaseUrl=" + graphBaseUrl + ", igUserId=" + igUserId + ", accessToken=****, connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", pollInterval=" + pollInterval
                + ", maxStatusChecks=" + maxStatusChecks + "]";
    }
}
