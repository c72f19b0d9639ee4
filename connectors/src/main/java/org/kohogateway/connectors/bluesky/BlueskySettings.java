package org.kohogateway.connectors.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Bluesky account.
 *
 * @param serviceUrl     the account's PDS (personal data server), {@code https://bsky.social} in production for accounts
 *                       hosted by Bluesky; the origin only, since XRPC paths start at {@code /xrpc/}
 * @param identifier     the account's handle ({@code gotsu-city.bsky.social}) or DID
 * @param appPassword    an app password made for the gateway in the account's settings (never the account's own
 *                       password); never shown by {@link #toString()}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for the answer once a request has been sent
 */
public record BlueskySettings(URI serviceUrl, String identifier, String appPassword, Duration connectTimeout,
        Duration readTimeout) {

    public static final URI PRODUCTION_SERVICE = URI.create("https://bsky.social");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

    public BlueskySettings {
        Objects.requireNonNull(serviceUrl, "serviceUrl");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(appPassword, "appPassword");
        if (!"https".equalsIgnoreCase(serviceUrl.getScheme()) && !"http".equalsIgnoreCase(serviceUrl.getScheme())
                || serviceUrl.getHost() == null) {
            throw new IllegalArgumentException("serviceUrl must be an http(s) URL with a host: " + serviceUrl);
        }
        String path = serviceUrl.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") || serviceUrl.getRawQuery() != null
                || serviceUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("serviceUrl must be a bare origin such as " + PRODUCTION_SERVICE + ": "
                    + serviceUrl);
        }
        if (identifier.isBlank()) {
            throw new IllegalArgumentException("identifier must not be blank");
        }
        if (appPassword.isBlank()) {
            throw new IllegalArgumentException("appPassword must not be blank");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
    }

    /** Settings for an account hosted by Bluesky, with a 5 s connect and a 20 s read timeout. */
    public static BlueskySettings of(String identifier, String appPassword) {
        return new BlueskySettings(PRODUCTION_SERVICE, identifier, appPassword, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT);
    }

    /** Masks the app password so that settings can be logged. */
    @Override
    public String toString() {
        return "BlueskySettings[serviceUrl=" + serviceUrl + ", identifier=" + identifier + ", appPassword=****, "
                + "connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
