package org.kohogateway.gateway.policy;

import java.net.URI;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformText;

/**
 * How long a post is on each platform against that platform's limit, counted on the text the platform receives
 * ({@link PlatformText}): what the compose page's counters show and what the PLATFORM_LIMIT rule refuses are the
 * same numbers.
 */
public final class PlatformLimits {

    /** One platform's count of the post against its limit. */
    public record Count(Platform platform, int count, int limit) {

        public boolean over() {
            return count > limit;
        }
    }

    private PlatformLimits() {
    }

    public static Count count(Platform platform, @Nullable String text, List<URI> links, boolean withMedia) {
        String sent = PlatformText.sent(platform, text == null ? "" : text, links, withMedia);
        return new Count(platform, PlatformText.length(platform, sent), PlatformText.limit(platform));
    }

    /** Counts for the given platforms, or for every platform when none is chosen yet. */
    public static List<Count> counts(String text, List<URI> links, boolean withMedia, Collection<Platform> platforms) {
        Set<Platform> shown = platforms.isEmpty() ? EnumSet.allOf(Platform.class) : EnumSet.copyOf(platforms);
        return shown.stream().map(p -> count(p, text, links, withMedia)).toList();
    }
}
