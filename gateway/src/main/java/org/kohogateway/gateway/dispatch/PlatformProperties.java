package org.kohogateway.gateway.dispatch;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where each platform's API lives ({@code gateway.platforms.*}). The defaults are the real platforms, the
 * {@code PRODUCTION_*} and {@code DEFAULT_*} constants of each connector's settings record; the demo and the
 * tests point them at WireMock stubs of the same APIs. Credentials are not configured here: they are sealed per
 * account.
 */
@Validated
@ConfigurationProperties("gateway.platforms")
record PlatformProperties(@DefaultValue @Valid Line line, @DefaultValue @Valid X x, @DefaultValue @Valid Facebook facebook,
        @DefaultValue @Valid Instagram instagram, @DefaultValue @Valid Bluesky bluesky,
        @DefaultValue @Valid Threads threads, @DefaultValue @Valid YouTube youtube) {

    /**
     * @param apiEndpoint    LINE Messaging API origin, no path (default {@code https://api.line.me})
     * @param connectTimeout default 5s
     * @param readTimeout    default 10s
     * @param previewRecipients the LINE user ids (staff test devices) previews may be pushed to; none by default,
     *                       which turns previews off. A preview is a real message from the official account.
     */
    record Line(@DefaultValue("https://api.line.me") @NotNull URI apiEndpoint,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
            @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
            @DefaultValue List<@Pattern(regexp = "U[0-9a-f]{32}") String> previewRecipients) {
    }

    /**
     * @param restBaseUrl    X API v1.1 base (default {@code https://api.twitter.com/1.1/}); Twitter4J needs it, nothing
     *                       is sent there
     * @param v2BaseUrl      X API v2 base (default {@code https://api.twitter.com/2/}): posts, deletions, profile
     * @param connectTimeout default 5s
     * @param readTimeout    default 20s; at most Integer.MAX_VALUE ms (Twitter4J takes an int)
     */
    record X(@DefaultValue("https://api.twitter.com/1.1/") @NotNull URI restBaseUrl,
            @DefaultValue("https://api.twitter.com/2/") @NotNull URI v2BaseUrl,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) @DurationMax(days = 24) Duration connectTimeout,
            @DefaultValue("20s") @NotNull @DurationMin(millis = 1) @DurationMax(days = 24) Duration readTimeout) {
    }

    /**
     * @param graphBaseUrl   Graph API origin (default {@code https://graph.facebook.com}); the pinned version
     *                       ({@code /v22.0}) is appended
     * @param connectTimeout default 5s
     * @param readTimeout    default 20s
     */
    record Facebook(@DefaultValue("https://graph.facebook.com") @NotNull URI graphBaseUrl,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
            @DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration readTimeout) {
    }

    /**
     * @param graphBaseUrl    Graph API origin (default {@code https://graph.facebook.com}); the pinned version
     *                        ({@code /v22.0}) is appended
     * @param connectTimeout  default 5s
     * @param readTimeout     default 30s
     * @param pollInterval    pause between two checks of a media container's status (default 2s; 0 checks back to back)
     * @param maxStatusChecks checks of a container before this attempt gives up on it, as a transient failure
     *                        (default 15)
     */
    record Instagram(@DefaultValue("https://graph.facebook.com") @NotNull URI graphBaseUrl,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
            @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
            @DefaultValue("2s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration pollInterval,
            @DefaultValue("15") @Min(1) @Max(100) int maxStatusChecks) {
    }

    /**
     * @param serviceUrl     the accounts' PDS origin, no path (default {@code https://bsky.social}, where Bluesky hosts
     *                       accounts); every XRPC call goes there
     * @param connectTimeout default 5s
     * @param readTimeout    default 20s
     */
    record Bluesky(@DefaultValue("https://bsky.social") @NotNull URI serviceUrl,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
            @DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration readTimeout) {
    }

    /**
     * @param baseUrl         Threads API origin (default {@code https://graph.threads.net}); the pinned version
     *                        ({@code /v1.0}) is appended
     * @param connectTimeout  default 5s
     * @param readTimeout     default 30s
     * @param pollInterval    pause between two checks of a media container's status (default 3s; 0 checks back to back)
     * @param maxStatusChecks checks of a container before this attempt gives up on it, as a transient failure
     *                        (default 20)
     */
    record Threads(@DefaultValue("https://graph.threads.net") @NotNull URI baseUrl,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
            @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
            @DefaultValue("3s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration pollInterval,
            @DefaultValue("20") @Min(1) @Max(100) int maxStatusChecks) {
    }

    /**
     * @param rootUrl        the Data API's root, ending in {@code /} (default {@code https://youtube.googleapis.com/});
     *                       resumable uploads go to {@code upload/youtube/v3/videos} under it
     * @param tokenUrl       Google's OAuth 2.0 token endpoint (default {@code https://oauth2.googleapis.com/token}),
     *                       where an account's refresh token is exchanged for access tokens
     * @param chunkSize      bytes per upload request, a multiple of 256 KiB (default 8 MiB): a dropped connection
     *                       costs at most one chunk
     * @param resumeAttempts how often one chunk is resumed after a dropped connection or a server error (default 5)
     * @param resumeWait     the first wait before resuming, doubled each time (default 1s)
     * @param connectTimeout default 5s
     * @param readTimeout    default 60s: a chunk of several megabytes must travel within it
     * @param uploadLead     how long before its time a YouTube delivery is sent (default 30m): the upload should end
     *                       before the video's {@code publishAt}, so that YouTube itself publishes it on time
     */
    record YouTube(@DefaultValue("https://youtube.googleapis.com/") @NotNull URI rootUrl,
            @DefaultValue("https://oauth2.googleapis.com/token") @NotNull URI tokenUrl,
            @DefaultValue("8388608") @Min(262_144) @Max(268_435_456) int chunkSize,
            @DefaultValue("5") @Min(0) @Max(20) int resumeAttempts,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration resumeWait,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
            @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
            @DefaultValue("30m") @NotNull @DurationMin(millis = 0) @DurationMax(hours = 24) Duration uploadLead) {
    }
}
