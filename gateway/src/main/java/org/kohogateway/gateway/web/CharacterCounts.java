package org.kohogateway.gateway.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.kohogateway.connectors.Platform;

import com.twitter.twittertext.TwitterTextParser;

/**
 * The per-platform character counters of the compose form, counted the way the platform rules count (docs/guideline.md,
 * "Rules on every post"): X weighted by twitter-text (CJK 2, each URL 23) over the text as sent, with links not already
 * in the text on their own lines; LINE UTF-16 units of the same; Instagram code points of the caption; Facebook UTF-16
 * units of the text.
 */
final class CharacterCounts {

    record Counter(Platform platform, int count, int limit) {

        public boolean over() {
            return count > limit;
        }
    }

    private CharacterCounts() {
    }

    /** Counters for the given platforms, or for every platform when none is chosen yet. */
    static List<Counter> of(String text, List<URI> links, Collection<Platform> platforms) {
        String body = text == null ? "" : text;
        String published = published(body, links);
        Set<Platform> shown = platforms.isEmpty() ? EnumSet.allOf(Platform.class) : EnumSet.copyOf(platforms);
        List<Counter> counters = new ArrayList<>();
        for (Platform p : shown) {
            counters.add(switch (p) {
                case X -> new Counter(p, TwitterTextParser.parseTweet(published).weightedLength, 280);
                case LINE -> new Counter(p, published.length(), 5000);
                case INSTAGRAM -> new Counter(p, body.codePointCount(0, body.length()), 2200);
                case FACEBOOK -> new Counter(p, body.length(), 63_206);
            });
        }
        return counters;
    }

    private static String published(String text, List<URI> links) {
        StringBuilder out = new StringBuilder(text);
        for (URI link : links) {
            if (!text.contains(link.toString())) {
                out.append('\n').append(link);
            }
        }
        return out.toString();
    }
}
