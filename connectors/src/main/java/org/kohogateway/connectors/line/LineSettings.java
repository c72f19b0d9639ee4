package org.kohogateway.connectors.line;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one LINE Official Account through the Messaging API.
 *
 * @param apiEndpoint        the API's origin, {@code https://api.line.me} in production; it must carry
 *                           no path, because the SDK sends absolute paths and would silently drop one
 * @param channelAccessToken the channel's long-lived access token; never shown by {@link #toString()}
 * @param connectTimeout     how long to wait for a connection to LINE
 * @param readTimeout        how long to wait for LINE's answer once the request has been sent
 * @param maxConcurrentRequests how many requests may be on their way to LINE at once; at least as many as
 *                           the gateway sends in parallel, because a request beyond it waits inside the HTTP
 *                           client, past the gateway's pause check, and leaves whenever a slot frees up
 */
public record LineSettings(URI apiEndpoint, String channelAccessToken, Duration connectTimeout, Duration readTimeout,
        int maxConcurrentRequests) {

    public static final URI PRODUCTION_ENDPOINT = URI.create("https://api.line.me");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** The gateway's default number of deliveries in flight. */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

    public LineSettings {
        Objects.requireNonNull(apiEndpoint, "apiEndpoint");
        Objects.requireNonNull(channelAccessToken, "channelAccessToken");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (!"https".equalsIgnoreCase(apiEndpoint.getScheme()) && !"http".equalsIgnoreCase(apiEndpoint.getScheme())
                || apiEndpoint.getHost() == null) {
            throw new IllegalArgumentException("apiEndpoint must be an http(s) URL with a host: " + apiEndpoint);
        }
        String path = apiEndpoint.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")
                || apiEndpoint.getRawQuery() != null || apiEndpoint.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "apiEndpoint must be a bare origin such as " + PRODUCTION_ENDPOINT + ": " + apiEndpoint);
        }
        if (channelAccessToken.isBlank()) {
            throw new IllegalArgumentException("channelAccessToken must not be blank");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1: " + maxConcurrentRequests);
        }
    }

    /** Settings that allow {@value #DEFAULT_MAX_CONCURRENT_REQUESTS} requests at once. */
    public LineSettings(URI apiEndpoint, String channelAccessToken, Duration connectTimeout, Duration readTimeout) {
        this(apiEndpoint, channelAccessToken, connectTimeout, readTimeout, DEFAULT_MAX_CONCURRENT_REQUESTS);
    }

    /** Settings with a 5 s connect timeout, a 10 s read timeout and {@value #DEFAULT_MAX_CONCURRENT_REQUESTS} requests at once. */
    public static LineSettings of(URI apiEndpoint, String channelAccessToken) {
        return new LineSettings(apiEndpoint, channelAccessToken, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** Masks the access token so that settings can be logged. */
    @Override
    public String toString() {
        return "LineSettings[apiEndpoint=" + apiEndpoint + ", channelAccessToken=****, connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", maxConcurrentRequests=" + maxConcurrentRequests + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
