package org.kohogateway.connectors.x;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one X account through the X API with OAuth 1.0a user context.
 *
 * <p>Both base URLs end in {@code /} (one is added when missing), because Twitter4J and twitter4j-v2
 * append relative paths such as {@code tweets} to them.
 *
 * @param restBaseUrl       the v1.1 API base, {@code https://api.twitter.com/1.1/} in production; Twitter4J
 *                          needs it, this connector sends nothing there
 * @param v2BaseUrl         the v2 API base, {@code https://api.twitter.com/2/} in production
 * @param consumerKey       the app's API key; never shown by {@link #toString()}
 * @param consumerSecret    the app's API key secret; never shown
 * @param accessToken       the account's access token; never shown
 * @param accessTokenSecret the account's access token secret; never shown
 * @param connectTimeout    how long to wait for a connection to X
 * @param readTimeout       how long to wait for X's answer once the request has been sent
 */
public record XSettings(URI restBaseUrl, URI v2BaseUrl, String consumerKey, String consumerSecret, String accessToken,
        String accessTokenSecret, Duration connectTimeout, Duration readTimeout) {

    public static final URI PRODUCTION_REST_BASE_URL = URI.create("https://api.twitter.com/1.1/");
    public static final URI PRODUCTION_V2_BASE_URL = URI.create("https://api.twitter.com/2/");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

    public XSettings {
        restBaseUrl = baseUrl(restBaseUrl, "restBaseUrl");
        v2BaseUrl = baseUrl(v2BaseUrl, "v2BaseUrl");
        requireCredential(consumerKey, "consumerKey");
        requireCredential(consumerSecret, "consumerSecret");
        requireCredential(accessToken, "accessToken");
        requireCredential(accessTokenSecret, "accessTokenSecret");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
    }

    /** Production URLs, a 5 s connect timeout and a 20 s read timeout. */
    public static XSettings of(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {
        return new XSettings(PRODUCTION_REST_BASE_URL, PRODUCTION_V2_BASE_URL, consumerKey, consumerSecret, accessToken,
                accessTokenSecret, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** Masks all four credentials so that settings can be logged. */
    @Override
    public String toString() {
        return "XSettings[restBaseUrl=" + restBaseUrl + ", v2BaseUrl=" + v2BaseUrl + ", consumerKey=****, consumerSecret=****, "
                + "accessToken=****, accessTokenSecret=****, connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + "]";
    }

    private static URI baseUrl(URI url, String name) {
        Objects.requireNonNull(url, name);
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL with a host: " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must carry no query or fragment: " + url);
        }
        String text = url.toString();
        return text.endsWith("/") ? url : URI.create(text + "/");
    }

    private static void requireCredential(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        if (duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too long for Twitter4J: " + duration);
        }
    }
}
