package org.kohogateway.connectors;

import java.net.URI;
import java.util.List;

import com.twitter.twittertext.TwitterTextParser;

/**
 * A post's text as each platform receives it, and its length as that platform counts it: one home, used by the
 * connectors when they send, by the rules when they check, and by the compose page's counters, so that what is
 * checked and shown is what goes out.
 */
public final class PlatformText {

    private PlatformText() {
    }

    /**
     * The text the platform's connector sends. Links not already in the text follow it on their own lines; Facebook
     * without a photo sends the first link as the post's link card instead, so its message carries only the others.
     */
    public static String sent(Platform platform, String text, List<URI> links, boolean withMedia) {
        if (platform == Platform.FACEBOOK && !withMedia && !links.isEmpty()) {
            return withLinks(text, links.subList(1, links.size()));
        }
        return withLinks(text, links);
    }

    /**
     * How long the platform counts this text: X weighted by twitter-text (CJK 2, each URL 23), LINE and Facebook in
     * UTF-16 units, Instagram in code points.
     */
    public static int length(Platform platform, String sent) {
        return switch (platform) {
            case X -> TwitterTextParser.parseTweet(sent).weightedLength;
            case LINE, FACEBOOK -> sent.length();
            case INSTAGRAM -> sent.codePointCount(0, sent.length());
        };
    }

    /** The longest text the platform takes, in its own count. */
    public static int limit(Platform platform) {
        return switch (platform) {
            case X -> 280;
            case LINE -> 5000;
            case INSTAGRAM -> 2200;
            case FACEBOOK -> 63_206;
        };
    }

    /** The text with the links it does not already contain appended, each on its own line. */
    static String withLinks(String text, List<URI> links) {
        StringBuilder result = new StringBuilder(text);
        for (URI link : links) {
            String url = link.toString();
            if (result.indexOf(url) < 0) {
                if (!result.isEmpty()) {
                    result.append('\n');
                }
                result.append(url);
            }
        }
        return result.toString();
    }
}
