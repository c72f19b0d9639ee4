package org.kohogateway.gateway.records;

import java.net.URI;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;

/**
 * A sent post's public address, made from the id its platform gave it where the platform has an address for an id:
 * an X post ({@code x.com/i/web/status/{id}}), a Facebook Page post ({@code facebook.com/{page}_{post}}) and a Bluesky
 * post (its {@code at://} record address read as {@code bsky.app/profile/{did}/post/{rkey}}). A LINE broadcast has no
 * public address, and an Instagram or Threads media id is not the code their addresses use (that takes a Graph call
 * the record does not make): they answer none, the platform id standing for the post.
 */
final class PlatformUrls {

    private static final Pattern NUMERIC = Pattern.compile("\\d{1,40}");
    private static final Pattern FACEBOOK_POST = Pattern.compile("\\d{1,40}(_\\d{1,40})?");
    /** {@code at://<did>/app.bsky.feed.post/<rkey>}: a DID's and a record key's own characters only. */
    private static final Pattern BLUESKY_POST = Pattern.compile(
            "at://(did:[a-z]+:[A-Za-z0-9._:%-]{1,2048})/app\\.bsky\\.feed\\.post/([A-Za-z0-9._:~-]{1,512})");

    private PlatformUrls() {
    }

    static @Nullable URI of(Platform platform, @Nullable String platformPostId) {
        if (platformPostId == null) {
            return null;
        }
        return switch (platform) {
            case X -> NUMERIC.matcher(platformPostId).matches()
                    ? URI.create("https://x.com/i/web/status/" + platformPostId) : null;
            case FACEBOOK -> FACEBOOK_POST.matcher(platformPostId).matches()
                    ? URI.create("https://www.facebook.com/" + platformPostId) : null;
            case BLUESKY -> {
                var post = BLUESKY_POST.matcher(platformPostId);
                yield post.matches()
                        ? URI.create("https://bsky.app/profile/" + post.group(1) + "/post/" + post.group(2)) : null;
            }
            default -> null;
        };
    }
}
