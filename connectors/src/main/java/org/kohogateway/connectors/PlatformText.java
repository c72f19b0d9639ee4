package org.kohogateway.connectors;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;

import com.twitter.twittertext.TwitterTextParser;

/**
 * A post's text as each platform receives it, and its length as that platform counts it: one home, used by the
 * connectors when they send, by the rules when they check, and by the compose page's counters, so that what is
 * checked and shown is what goes out.
 */
public final class PlatformText {

    private static final int COMBINING_KEYCAP = 0x20E3;

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
     * UTF-16 units, Instagram in code points, Bluesky in graphemes (what a reader sees as one character: an emoji with
     * its modifiers, a letter with its combining marks), as its {@code app.bsky.feed.post} lexicon's
     * {@code maxGraphemes} counts them, Threads in characters with each emoji weighing its UTF-8 bytes
     * ({@link #threadsLength}), YouTube in UTF-8 bytes of the video's description (the Data API's limit is
     * 5,000 bytes; the title is the description's first line, cut to 100 characters, so it sets no limit of its own).
     */
    public static int length(Platform platform, String sent) {
        return switch (platform) {
            case X -> TwitterTextParser.parseTweet(sent).weightedLength;
            case LINE, FACEBOOK -> sent.length();
            case INSTAGRAM -> sent.codePointCount(0, sent.length());
            case BLUESKY -> graphemes(sent);
            case THREADS -> threadsLength(sent);
            case YOUTUBE -> youTubeDescription(sent).getBytes(StandardCharsets.UTF_8).length;
        };
    }

    /** The longest text the platform takes, in its own count. */
    public static int limit(Platform platform) {
        return switch (platform) {
            case X -> 280;
            case LINE -> 5000;
            case INSTAGRAM -> 2200;
            case FACEBOOK -> 63_206;
            case BLUESKY -> 300;
            case THREADS -> 500;
            case YOUTUBE -> 5000;
        };
    }

    /**
     * A YouTube video's description for the text sent: stripped, with {@code <} and {@code >} (which the Data API
     * refuses in titles and descriptions) as their full-width forms, which read the same but count three bytes.
     */
    public static String youTubeDescription(String sent) {
        return sent.strip().replace('<', '＜').replace('>', '＞');
    }

    /**
     * Extended grapheme clusters (Unicode UAX #29), as the JDK's character {@link BreakIterator} finds them since Java
     * 20: the unit of Bluesky's {@code maxGraphemes}.
     */
    public static int graphemes(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        int count = 0;
        while (clusters.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /**
     * Threads' count: "text posts are limited to 500 characters; emojis are counted as the number of UTF-8 bytes",
     * Meta's own reference pointing at grapheme splitting. So a character is a grapheme cluster (a kana with its
     * voicing mark is one), and a cluster that is an emoji (a pictograph, a flag's regional indicators, a keycap)
     * weighs the UTF-8 bytes of all its code points. Digits, {@code #} and {@code *} carry the Unicode emoji property
     * only as keycap bases, so on their own they are plain characters.
     */
    static int threadsLength(String sent) {
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(sent);
        int length = 0;
        for (int start = clusters.first(), end = clusters.next(); end != BreakIterator.DONE;
                start = end, end = clusters.next()) {
            String cluster = sent.substring(start, end);
            length += cluster.codePoints().anyMatch(PlatformText::isEmoji)
                    ? cluster.getBytes(StandardCharsets.UTF_8).length : 1;
        }
        return length;
    }

    private static boolean isEmoji(int codePoint) {
        return Character.isExtendedPictographic(codePoint) || Character.isEmojiPresentation(codePoint)
                || codePoint == COMBINING_KEYCAP;
    }

    /** The text with the links it does not already contain appended, each on its own line. */
    public static String withLinks(String text, List<URI> links) {
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
