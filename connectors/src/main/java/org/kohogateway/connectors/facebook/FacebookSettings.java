package org.kohogateway.connectors.facebook;

import java.net.URI;
import java.time.Duration;

import org.kohogateway.connectors.graph.GraphSettingsChecks;

/**
 * How to reach one Facebook Page through the Graph API.
 *
 * @param graphBaseUrl    the Graph API origin, {@code https://graph.facebook.com} in production; the
 *                        pinned API version ({@code /v22.0}) is appended to it
 * @param pageId          the Page's numeric id
 * @param pageAccessToken a Page access token with {@code pages_manage_posts} and {@code pages_read_engagement};
 *                        never shown by {@link #toString()}
 * @param connectTimeout  how long to wait for a connection to the Graph API
 * @param readTimeout     how long to wait for the answer once the request has been sent
 */
public record FacebookSettings(URI graphBaseUrl, String pageId, String pageAccessToken, Duration connectTimeout,
        Duration readTimeout) {

    public static final URI PRODUCTION_GRAPH_URL = GraphSettingsChecks.PRODUCTION_GRAPH_URL;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

    public FacebookSettings {
        GraphSettingsChecks.requireBaseUrl(graphBaseUrl, "graphBaseUrl");
        GraphSettingsChecks.requireNodeId(pageId, "pageId");
        GraphSettingsChecks.requireToken(pageAccessToken, "pageAccessToken");
        GraphSettingsChecks.requirePositive(connectTimeout, "connectTimeout");
        GraphSettingsChecks.requirePositive(readTimeout, "readTimeout");
    }

    /** Settings with a 5 s connect timeout and a 20 s read timeout. */
    public static FacebookSettings of(URI graphBaseUrl, String pageId, String pageAccessToken) {
        return new FacebookSettings(graphBaseUrl, pageId, pageAccessToken, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** Masks the access token so that settings can be logged. */
    @Override
    public String toString() {
        return "FacebookSettings[graphBaseUrl=" + graphBaseUrl + ", pageId=" + pageId + ", pageAccessToken=****, connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
