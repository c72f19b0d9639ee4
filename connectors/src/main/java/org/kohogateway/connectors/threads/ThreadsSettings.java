package org.kohogateway.connectors.threads;

import java.net.URI;
import java.time.Duration;

import org.kohogateway.connectors.graph.GraphSettingsChecks;

/**
 * How to reach one Threads profile through the Threads API.
 *
 * @param threadsBaseUrl  the Threads API origin, {@code https://graph.threads.net} in production; the pinned API
 *                        version ({@code /v1.0}) is appended to it
 * @param threadsUserId   the profile's Threads user id (not the username)
 * @param accessToken     a long-lived Threads user token with {@code threads_basic} and {@code threads_content_publish}
 *                        ({@code threads_delete} too, for deletions); never shown by {@link #toString()}
 * @param connectTimeout  how long to wait for a connection to the Threads API
 * @param readTimeout     how long to wait for an answer once a request has been sent
 * @param pollInterval    the pause between two checks of a media container's status; zero checks back to back (tests)
 * @param maxStatusChecks how many times to check a container before giving up on it for this attempt
 */
public record ThreadsSettings(URI threadsBaseUrl, String threadsUserId, String accessToken, Duration connectTimeout,
        Duration readTimeout, Duration pollInterval, int maxStatusChecks) {

    public static final URI PRODUCTION_THREADS_URL = URI.create("https://graph.threads.net");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Meta suggests giving a container about 30 seconds and checking video containers once a minute; an image or a
     * text is usually ready at once, so a minute of checks 3 s apart covers the slow cases without holding a sender
     * for five minutes. A container still not ready is a reason to try again later, never an unknown outcome.
     */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(3);
    public static final int DEFAULT_MAX_STATUS_CHECKS = 20;

    public ThreadsSettings {
        GraphSettingsChecks.requireBaseUrl(threadsBaseUrl, "threadsBaseUrl");
        GraphSettingsChecks.requireNodeId(threadsUserId, "threadsUserId");
        GraphSettingsChecks.requireToken(accessToken, "accessToken");
        GraphSettingsChecks.requirePositive(connectTimeout, "connectTimeout");
        GraphSettingsChecks.requirePositive(readTimeout, "readTimeout");
        GraphSettingsChecks.requireStatusChecks(pollInterval, maxStatusChecks);
    }

    /** Settings with 5 s connect and 30 s read timeouts, checking a container up to 20 times 3 s apart. */
    public static ThreadsSettings of(URI threadsBaseUrl, String threadsUserId, String accessToken) {
        return new ThreadsSettings(threadsBaseUrl, threadsUserId, accessToken, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_STATUS_CHECKS);
    }

    /** Masks the access token so that settings can be logged. */
    @Override
    public String toString() {
        return "ThreadsSettings[threadsBaseUrl=" + threadsBaseUrl + ", threadsUserId=" + threadsUserId
                + ", accessToken=****, connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", pollInterval=" + pollInterval + ", maxStatusChecks=" + maxStatusChecks + "]";
    }
}
