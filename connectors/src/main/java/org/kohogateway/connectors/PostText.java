package org.kohogateway.connectors;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Compares the text of a post as a platform shows it with the text the gateway published, for
 * {@link PlatformConnector#findRecent}. Used by the connectors; not meant for use outside this module.
 *
 * <p>Platforms change text in small ways, so the comparison is made after normalising both sides:
 * <ul>
 *   <li>Unicode NFC, and the HTML entities {@code &amp;}, {@code &lt;}, {@code &gt;} that X writes for
 *       {@code &}, {@code <}, {@code >};</li>
 *   <li>whitespace: runs of spaces, tabs and line breaks count as one space, and whitespace at either end or
 *       next to a URL does not count;</li>
 *   <li>URLs, as the one link parser {@link Links} finds them: a {@code t.co} short link on the platform's side matches any URL, since X rewrites every link;
 *       other URLs must be equal (ignoring a trailing slash and the case of scheme and host);</li>
 *   <li>links the connector appended: the platform's text may end with URLs that the expected text does
 *       not have, because the connectors append a publication's links to its text when the text does not
 *       already contain them.</li>
 * </ul>
 */
public final class PostText {

    private PostText() {
    }

    /**
     * @param onPlatform the post's text as the platform returned it
     * @param published  the text the gateway published ({@link Publication#text()}, with or without its links)
     */
    public static boolean matches(@Nullable String onPlatform, String published) {
        if (onPlatform == null || published == null) {
            return false;
        }
        List<Segment> actual = segments(onPlatform);
        List<Segment> expected = segments(published);
        if (expected.isEmpty() || actual.size() < expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!actual.get(i).matches(expected.get(i))) {
                return false;
            }
        }
        return actual.subList(expected.size(), actual.size()).stream().allMatch(Segment::url);
    }

    private record Segment(String text, boolean url) {

        boolean matches(Segment expected) {
            if (url != expected.url) {
                return false;
            }
            if (!url) {
                return text.equals(expected.text);
            }
            return isShortLink(text) || comparable(text).equals(comparable(expected.text));
        }

        private static boolean isShortLink(String url) {
            return "t.co".equals(Links.hostOf(url));
        }

        /** Scheme and host in lower case (they are case-insensitive), no trailing slash. */
        private static String comparable(String url) {
            int scheme = url.indexOf("://");
            int authorityEnd = scheme < 0 ? 0 : scheme + 3;
            while (scheme >= 0 && authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
                authorityEnd++;
            }
            String result = url.substring(0, authorityEnd).toLowerCase(Locale.ROOT) + url.substring(authorityEnd);
            return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
        }
    }

    private static List<Segment> segments(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC)
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        for (Links.Link link : Links.in(text)) {
            addText(segments, text.substring(from, link.start()));
            segments.add(new Segment(link.text(), true));
            from = link.end();
        }
        addText(segments, text.substring(from));
        return segments;
    }

    private static void addText(List<Segment> segments, String text) {
        String collapsed = text.replaceAll("[\\s\\u3000]+", " ").strip();
        if (!collapsed.isEmpty()) {
            segments.add(new Segment(collapsed, false));
        }
    }
}
