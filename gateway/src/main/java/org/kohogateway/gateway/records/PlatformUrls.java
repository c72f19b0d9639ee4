package org.kohogateway.gateway.records;

import java.net.URI;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;

/**
 * A sent post's public address, made from the id its platform gave it where the platform has an address for an id:
 * an X post ({@code x.com/i/web/status/{id}}) and a Facebook Page post ({@code facebook.com/{page}_{post}}). A LINE
 * broadcast has no public address, and an Instagram media id is not the code its address uses (that takes a Graph
 * call the record does not make): both answer none, the platform id standing for the post.
 */
final class PlatformUrls {

    private static final Pattern NUMERIC = Pattern.compile("\\d{1,40}");
    private static final Pattern FACEBOOK_POST = Pattern.compile("\\d{1,40}(_\\d{1,40})?");

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
            default -> null;
        };
    }
}
