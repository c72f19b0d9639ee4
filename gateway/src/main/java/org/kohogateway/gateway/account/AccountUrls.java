package org.kohogateway.gateway.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Links;
import org.kohogateway.connectors.Platform;

/**
 * An official account's address on its platform, as the city's public list of official accounts shows it, and the
 * account handle it names.
 *
 * <p>The published address must be https on the platform's own host (or its {@code www.}): it is what a resident checks
 * an account against, so a shortener or a look-alike host would defeat it (guideline §7-①).
 *
 * <p>A handle is the first path segment of such an address, lower case, without a leading {@code @}: X
 * {@code x.com/gotsu_city}, Instagram {@code instagram.com/gotsu_official}, Facebook {@code facebook.com/gotsu.city}.
 * The same reading of a post's address ({@code x.com/gotsu_city/status/1}) names the post's author. LINE accounts
 * have no handle: a LINE message neither mentions nor quotes accounts. A Bluesky account's address is
 * {@code bsky.app/profile/<handle>}, its handle a domain name. A Threads profile is {@code threads.net/@<handle>} (its
 * posts {@code threads.net/@<handle>/post/<code>}): only a segment with the {@code @} names a profile there. A YouTube
 * channel's is {@code youtube.com/@<handle>} or {@code youtube.com/channel/<id>}, the id standing for the handle.
 */
public final class AccountUrls {

    private static final Map<Platform, Set<String>> HOSTS = Map.of(
            Platform.X, Set.of("x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"),
            Platform.FACEBOOK, Set.of("facebook.com", "m.facebook.com"),
            Platform.INSTAGRAM, Set.of("instagram.com"),
            Platform.LINE, Set.of("line.me", "page.line.me"),
            Platform.BLUESKY, Set.of("bsky.app"),
            // Meta moved Threads to threads.com in 2025; threads.net addresses still lead to the same profiles
            Platform.THREADS, Set.of("threads.net", "threads.com"),
            Platform.YOUTUBE, Set.of("youtube.com", "m.youtube.com"));
    private static final Pattern HANDLE = Pattern.compile("@?[a-z0-9_.]{1,50}");
    /** A Bluesky handle is a domain name ({@code gotsu-city.bsky.social}, {@code bsky.city.gotsu.lg.jp}). */
    private static final Pattern BLUESKY_HANDLE = Pattern.compile("@?[a-z0-9][a-z0-9.-]{0,252}");
    /** A YouTube channel: {@code channel/UC...} (24 characters) or its {@code @handle} (3 to 30 characters). */
    private static final Pattern YOUTUBE_CHANNEL_ID = Pattern.compile("uc[a-z0-9_-]{22}");
    private static final Pattern YOUTUBE_HANDLE = Pattern.compile("@[a-z0-9_.-]{3,30}");
    /** First path segments that are the platform's own pages, not an account. */
    private static final Set<String> NOT_ACCOUNTS = Set.of("i", "home", "intent", "share", "search", "hashtag", "p",
            "reel", "reels", "tv", "stories", "explore", "permalink.php", "story.php", "profile.php", "photo.php",
            "watch", "groups", "events", "pages", "r");

    private AccountUrls() {
    }

    /** The platform whose host this is (with or without {@code www.}), if any. */
    static Optional<Platform> platformOf(String host) {
        String bare = host.startsWith("www.") ? host.substring(4) : host;
        return HOSTS.entrySet().stream().filter(e -> e.getValue().contains(bare)).map(Map.Entry::getKey).findFirst();
    }

    /** Whether {@code url} may be published as this platform's account address: https on the platform's own host. */
    static boolean publishable(Platform platform, String url) {
        URI uri = uri(url);
        return uri != null && "https".equalsIgnoreCase(uri.getScheme()) && uri.getRawUserInfo() == null
                && (uri.getPort() == -1 || uri.getPort() == 443)
                && platformOf(Links.hostOf(url)).filter(platform::equals).isPresent();
    }

    /** The account handle this address of an account or of one of its posts names, if it names one on its platform. */
    public static Optional<String> handle(Platform platform, String url) {
        return author(url).filter(h -> h.platform() == platform).map(Handle::name);
    }

    /** A handle on a platform. */
    public record Handle(Platform platform, String name) {
    }

    /** Who an address of an account or one of its posts belongs to, if the address says (not for LINE). */
    public static Optional<Handle> author(String url) {
        URI uri = uri(url);
        Optional<Platform> platform = uri == null ? Optional.empty() : platformOf(Links.hostOf(url));
        if (platform.isEmpty() || platform.get() == Platform.LINE || uri.getRawPath() == null) {
            return Optional.empty();
        }
        List<String> segments = List.of(uri.getRawPath().replaceFirst("^/+", "").split("/"));
        if (platform.get() == Platform.BLUESKY) {
            // bsky.app/profile/<handle>, and bsky.app/profile/<handle>/post/<rkey> for its posts
            String handle = segments.size() > 1 && segments.get(0).equals("profile")
                    ? segments.get(1).toLowerCase(Locale.ROOT) : "";
            return BLUESKY_HANDLE.matcher(handle).matches()
                    ? Optional.of(new Handle(Platform.BLUESKY, handle.startsWith("@") ? handle.substring(1) : handle))
                    : Optional.empty();
        }
        String first = segments.getFirst().toLowerCase(Locale.ROOT);
        if (platform.get() == Platform.YOUTUBE) {
            return youTubeChannel(first, segments);
        }
        if (!HANDLE.matcher(first).matches() || NOT_ACCOUNTS.contains(first)
                || platform.get() == Platform.THREADS && !first.startsWith("@")) {
            return Optional.empty();
        }
        return Optional.of(new Handle(platform.get(), first.startsWith("@") ? first.substring(1) : first));
    }

    /** youtube.com/@handle and youtube.com/channel/UC...: a video's address ({@code watch?v=}) names no channel. */
    private static Optional<Handle> youTubeChannel(String first, List<String> segments) {
        if (YOUTUBE_HANDLE.matcher(first).matches()) {
            return Optional.of(new Handle(Platform.YOUTUBE, first.substring(1)));
        }
        String id = first.equals("channel") && segments.size() > 1 ? segments.get(1).toLowerCase(Locale.ROOT) : "";
        return YOUTUBE_CHANNEL_ID.matcher(id).matches() ? Optional.of(new Handle(Platform.YOUTUBE, id))
                : Optional.empty();
    }

    private static @Nullable URI uri(@Nullable String url) {
        try {
            return url == null ? null : new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
