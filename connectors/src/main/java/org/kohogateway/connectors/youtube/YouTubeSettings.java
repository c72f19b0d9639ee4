package org.kohogateway.connectors.youtube;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one YouTube channel, and the account policy's choices for its videos.
 *
 * @param rootUrl        the Data API's root, {@code https://youtube.googleapis.com/} in production; uploads go to
 *                       {@code upload/youtube/v3/videos} under it
 * @param tokenUrl       Google's OAuth 2.0 token endpoint, where the refresh token is exchanged for access tokens
 * @param clientId       the OAuth client of the gateway's Google Cloud project
 * @param clientSecret   that client's secret; never shown by {@link #toString()}
 * @param refreshToken   the channel owner's consent (scope {@code youtube}, which uploads, updates and deletes);
 *                       never shown by {@link #toString()}
 * @param categoryId     the videos' category from the account's policy ({@code 25} News &amp; Politics,
 *                       {@code 29} Nonprofits &amp; Activism, ...)
 * @param playlistId     the playlist every video is added to, from the account's policy, if any
 * @param chunkSize      bytes per upload request, a multiple of 256 KiB: a dropped connection costs at most one chunk
 * @param resumeAttempts how often one chunk is resumed after a dropped connection or a server error, each time after
 *                       asking the upload's address how much it has ({@code 308} with {@code Range})
 * @param resumeWait     the first wait before resuming, doubled each time
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer once a request has been sent
 */
public record YouTubeSettings(URI rootUrl, URI tokenUrl, String clientId, String clientSecret, String refreshToken,
        String categoryId, Optional<String> playlistId, int chunkSize, int resumeAttempts, Duration resumeWait,
        Duration connectTimeout, Duration readTimeout) {

    public static final URI PRODUCTION_ROOT = URI.create("https://youtube.googleapis.com/");
    public static final URI PRODUCTION_TOKEN_URL = URI.create("https://oauth2.googleapis.com/token");
    /** The resumable protocol's unit: every chunk but the last is a multiple of it. */
    public static final int CHUNK_UNIT = 256 * 1024;
    public static final int DEFAULT_CHUNK_SIZE = 32 * CHUNK_UNIT;
    /** News &amp; Politics, where a city's announcements belong unless its policy says otherwise. */
    public static final String DEFAULT_CATEGORY = "25";

    public YouTubeSettings {
        requireHttpUrl(rootUrl, "rootUrl");
        requireHttpUrl(tokenUrl, "tokenUrl");
        if (!rootUrl.getPath().endsWith("/")) {
            throw new IllegalArgumentException("rootUrl must end with '/': " + rootUrl);
        }
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        requireText(refreshToken, "refreshToken");
        Objects.requireNonNull(categoryId, "categoryId");
        if (!categoryId.matches("\\d{1,4}")) {
            throw new IllegalArgumentException("categoryId must be a YouTube video category's number: " + categoryId);
        }
        Objects.requireNonNull(playlistId, "playlistId");
        if (playlistId.isPresent() && !playlistId.get().matches("[A-Za-z0-9_-]{10,64}")) {
            throw new IllegalArgumentException("playlistId is not a YouTube playlist id: " + playlistId.get());
        }
        if (chunkSize <= 0 || chunkSize % CHUNK_UNIT != 0) {
            throw new IllegalArgumentException("chunkSize must be a positive multiple of 256 KiB: " + chunkSize);
        }
        if (resumeAttempts < 0 || resumeAttempts > 20) {
            throw new IllegalArgumentException("resumeAttempts must be between 0 and 20: " + resumeAttempts);
        }
        requirePositive(resumeWait, "resumeWait");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
    }

    /** Settings for a channel on YouTube itself: 8 MiB chunks, five resumes from 1 s, 5 s connect, 60 s read. */
    public static YouTubeSettings of(String clientId, String clientSecret, String refreshToken, String categoryId,
            Optional<String> playlistId) {
        return new YouTubeSettings(PRODUCTION_ROOT, PRODUCTION_TOKEN_URL, clientId, clientSecret, refreshToken,
                categoryId, playlistId, DEFAULT_CHUNK_SIZE, 5, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    /** Masks the client secret and the refresh token so that settings can be logged. */
    @Override
    public String toString() {
        return "YouTubeSettings[rootUrl=" + rootUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=****, refreshToken=****, categoryId=" + categoryId + ", playlistId=" + playlistId
                + ", chunkSize=" + chunkSize + ", resumeAttempts=" + resumeAttempts + ", resumeWait=" + resumeWait
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static void requireHttpUrl(URI url, String name) {
        Objects.requireNonNull(url, name);
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL with a host and no query: " + url);
        }
    }

    private static void requireText(String value, String name) {
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
    }
}
