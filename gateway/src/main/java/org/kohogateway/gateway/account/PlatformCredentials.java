package org.kohogateway.gateway.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kohogateway.connectors.Platform;

/**
 * Secrets for one account (LINE channel access token, OAuth tokens…). Only ever held in memory in clear;
 * {@link #toString()} never shows them.
 *
 * <p>The field names each platform's connector needs:
 * <ul>
 *   <li>LINE: {@value #LINE_CHANNEL_ACCESS_TOKEN}</li>
 *   <li>X (OAuth 1.0a user context): {@value #X_CONSUMER_KEY}, {@value #X_CONSUMER_SECRET},
 *       {@value #X_ACCESS_TOKEN}, {@value #X_ACCESS_TOKEN_SECRET}</li>
 *   <li>Facebook Page: {@value #FACEBOOK_PAGE_ID}, {@value #FACEBOOK_PAGE_ACCESS_TOKEN}</li>
 *   <li>Instagram professional account: {@value #INSTAGRAM_IG_USER_ID}, {@value #INSTAGRAM_ACCESS_TOKEN}</li>
 *   <li>Bluesky: {@value #BLUESKY_HANDLE}, {@value #BLUESKY_APP_PASSWORD}</li>
 *   <li>Threads: {@value #THREADS_USER_ID}, {@value #THREADS_ACCESS_TOKEN}</li>
 *   <li>YouTube: {@value #YOUTUBE_CLIENT_ID}, {@value #YOUTUBE_CLIENT_SECRET}, {@value #YOUTUBE_REFRESH_TOKEN}, and the
 *       optional {@value #YOUTUBE_CATEGORY_ID} and {@value #YOUTUBE_PLAYLIST_ID}</li>
 * </ul>
 * The Page id and IG user id are not secret, but they travel with the token they belong to.
 */
public record PlatformCredentials(Map<String, String> values) {

    public static final String LINE_CHANNEL_ACCESS_TOKEN = "channelAccessToken";

    /** X: the app's API key. */
    public static final String X_CONSUMER_KEY = "consumerKey";
    /** X: the app's API key secret. */
    public static final String X_CONSUMER_SECRET = "consumerSecret";
    /** X: the account's OAuth 1.0a access token. */
    public static final String X_ACCESS_TOKEN = "accessToken";
    /** X: the account's OAuth 1.0a access token secret. */
    public static final String X_ACCESS_TOKEN_SECRET = "accessTokenSecret";

    /** Facebook: the Page's numeric id. */
    public static final String FACEBOOK_PAGE_ID = "pageId";
    /** Facebook: a Page access token with pages_manage_posts and pages_read_engagement. */
    public static final String FACEBOOK_PAGE_ACCESS_TOKEN = "pageAccessToken";

    /** Instagram: the professional account's IG user id (not the username). */
    public static final String INSTAGRAM_IG_USER_ID = "igUserId";
    /** Instagram: a token with instagram_basic and instagram_content_publish. */
    public static final String INSTAGRAM_ACCESS_TOKEN = "accessToken";

    /** Bluesky: the account's handle ({@code gotsu-city.bsky.social}) or DID; not secret, it travels with its password. */
    public static final String BLUESKY_HANDLE = "handle";
    /** Bluesky: an app password made for the gateway in the account's settings, never the account's own password. */
    public static final String BLUESKY_APP_PASSWORD = "appPassword";

    /** Threads: the profile's Threads user id (digits, not the @handle); not secret, it travels with its token. */
    public static final String THREADS_USER_ID = "threadsUserId";
    /**
     * Threads: a long-lived Threads user token (60 days, refreshed in Meta's tools) with {@code threads_basic},
     * {@code threads_content_publish} and {@code threads_delete}. The same field name as Instagram's token: each
     * account holds one platform's credentials.
     */
    public static final String THREADS_ACCESS_TOKEN = "accessToken";

    /** YouTube: the OAuth client of the city's Google Cloud project that the channel owner consented to. */
    public static final String YOUTUBE_CLIENT_ID = "clientId";
    /** YouTube: that OAuth client's secret. */
    public static final String YOUTUBE_CLIENT_SECRET = "clientSecret";
    /** YouTube: the channel owner's refresh token (scope {@code youtube}: upload, update, delete). */
    public static final String YOUTUBE_REFRESH_TOKEN = "refreshToken";
    /**
     * YouTube, optional: the category of the account's videos ({@code 25} News &amp; Politics when left out). The
     * account's choice, not a secret: it is kept here, beside the channel it belongs to, rather than in the policy.
     */
    public static final String YOUTUBE_CATEGORY_ID = "categoryId";
    /** YouTube, optional: the playlist every video of the account is added to. */
    public static final String YOUTUBE_PLAYLIST_ID = "playlistId";

    /** Fields a form may leave blank: left out of what is stored. */
    public static final Set<String> OPTIONAL = Set.of(YOUTUBE_CATEGORY_ID, YOUTUBE_PLAYLIST_ID);

    /** The credential fields each platform's connector needs, in the order a form asks for them. */
    public static final Map<Platform, List<String>> FIELDS = Map.of(
            Platform.LINE, List.of(LINE_CHANNEL_ACCESS_TOKEN),
            Platform.X, List.of(X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET),
            Platform.FACEBOOK, List.of(FACEBOOK_PAGE_ID, FACEBOOK_PAGE_ACCESS_TOKEN),
            Platform.INSTAGRAM, List.of(INSTAGRAM_IG_USER_ID, INSTAGRAM_ACCESS_TOKEN),
            Platform.BLUESKY, List.of(BLUESKY_HANDLE, BLUESKY_APP_PASSWORD),
            Platform.THREADS, List.of(THREADS_USER_ID, THREADS_ACCESS_TOKEN),
            Platform.YOUTUBE, List.of(YOUTUBE_CLIENT_ID, YOUTUBE_CLIENT_SECRET, YOUTUBE_REFRESH_TOKEN,
                    YOUTUBE_CATEGORY_ID, YOUTUBE_PLAYLIST_ID));

    public PlatformCredentials {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
        return "PlatformCredentials" + values.keySet() + "(values hidden)";
    }
}
