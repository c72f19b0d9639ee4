package org.kohogateway.connectors;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.twitter.twittertext.Extractor;

/**
 * The one link parser of the code base: which addresses a text holds, and which host a browser would really go to.
 * It lives here, in the lowest module, because the rules (gateway), the profile check (gateway) and the connectors'
 * own text comparison all need the same answer.
 *
 * <p>Finding: twitter-text's {@link Extractor}, so an address is what X and the other platforms turn into a link
 * (with or without scheme, {@code www.}, IDN), plus every {@code http(s)://} address it leaves out (IP literals,
 * unknown endings), since a reader's browser follows those too. Each is widened to the characters a browser keeps,
 * so {@code https://www.city.gotsu.lg.jp@bit.ly/x} is one link to bit.ly, not a link to www.city followed by text.
 * Full-width forms are the caller's to fold (NFKC) first, so that offsets stay the caller's.
 */
public final class Links {

    /** What a browser keeps of an address once it starts: the URI characters of RFC 3986, and the backslash. */
    private static final Pattern ADDRESS_CHARS = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%\\\\]*");
    private static final Pattern SCHEME = Pattern.compile("(?i)(?<![a-z0-9+.-])https?://");
    /** Trailing characters that close a sentence or a bracket rather than the address (as twitter-text also does). */
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?'()\\]]+$");
    /** An address that names its scheme; compiled once, since every link of every rules check asks it. */
    private static final Pattern WITH_SCHEME = Pattern.compile("(?is)[a-z][a-z0-9+.-]*://.*");

    private static final ThreadLocal<Extractor> EXTRACTOR = ThreadLocal.withInitial(() -> {
        Extractor extractor = new Extractor();
        extractor.setExtractURLWithoutProtocol(true);
        return extractor;
    });

    private Links() {
    }

    /**
     * One address in a text.
     *
     * @param host the host a browser would connect to: lower case ASCII (IDN in its {@code xn--} form), without a
     *             trailing dot; empty when the address cannot be followed at all
     */
    public record Link(int start, int end, String text, String host) {
    }

    /** The addresses in a text, in order, with their spans. */
    public static List<Link> in(String text) {
        List<int[]> spans = new ArrayList<>();
        for (int[] found : extracted(text)) {
            spans.add(new int[] {found[0], widen(text, found[0], found[1])});
        }
        Matcher scheme = SCHEME.matcher(text);
        while (scheme.find()) {
            int at = scheme.start();
            if (spans.stream().noneMatch(s -> s[0] <= at && at < s[1])) {
                spans.add(new int[] {at, widen(text, at, scheme.end())});
            }
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        List<Link> links = new ArrayList<>();
        int covered = 0;
        for (int[] span : spans) {
            if (span[0] < covered) {
                continue;
            }
            String address = text.substring(span[0], span[1]);
            links.add(new Link(span[0], span[1], address, hostOf(address)));
            covered = span[1];
        }
        return links;
    }

    /**
     * twitter-text's addresses in a text, found word by word. Its pattern is tried at every position of the text, which
     * for a 2,000-character post was half of a rules check's CPU; yet no address it finds holds white space (none of
     * the characters its pattern allows is a space, a line break or a Unicode separator). So each word is searched on
     * its own, from the separator before it, which the pattern reads as the character preceding an address, and a
     * word without a dot is not searched at all: every address of the pattern has one. Where a word ends, the pattern
     * sees the end of the text, which it treats as it treats a separator. The answer is the same as one search of the
     * whole text ({@code LinksTest} compares the two over generated texts).
     */
    static List<int[]> extracted(String text) {
        List<int[]> spans = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = from + 1;
            while (to < text.length() && !separator(text.charAt(to))) {
                to++;
            }
            int dot = text.indexOf('.', from);
            if (dot >= 0 && dot < to) {
                for (Extractor.Entity entity : EXTRACTOR.get().extractURLsWithIndices(text.substring(from, to))) {
                    spans.add(new int[] {from + entity.getStart(), from + entity.getEnd()});
                }
            }
            from = to;
        }
        return spans;
    }

    /** White space as twitter-text's pattern knows it ({@code \s} and {@code \p{Z}}), which no address holds. */
    static boolean separator(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\u000B', '\f', '\r' -> true;
            default -> switch (Character.getType(c)) {
                case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
                default -> false;
            };
        };
    }

    /**
     * How many different addresses a text holds, as Threads counts them for its five-link limit ("all unique URLs found
     * in the text field"): the same address twice is one.
     */
    public static int distinctCount(String text) {
        return (int) in(text).stream().map(Link::text).distinct().count();
    }

    /** The host a browser would go to for one address given on its own (a post's link, an image, a source). */
    public static String hostOf(String address) {
        String a = address.strip().replace('\\', '/');
        if (!WITH_SCHEME.matcher(a).matches()) {
            a = "http://" + a;
        }
        int authorityStart = a.indexOf("://") + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < a.length() && "/?#".indexOf(a.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = a.substring(authorityStart, authorityEnd);
        // the browser's host follows the last '@'; whatever comes before it is user information, not a place
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        String hostPort = authority.substring(at + 1);
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(']') + 1 : hostPort.lastIndexOf(':');
        String host = colon > 0 && colon < hostPort.length() ? hostPort.substring(0, colon) : hostPort;
        String port = host.length() < hostPort.length() ? hostPort.substring(host.length()) : "";
        try {
            String ascii = host.startsWith("[") ? host : IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            URI uri = new URI(a.substring(0, authorityStart) + encode(userInfo) + ascii + port
                    + a.substring(authorityEnd).replace(" ", "%20"));
            String parsed = uri.getHost();
            if (parsed == null) {
                return "";
            }
            String lower = parsed.toLowerCase(Locale.ROOT);
            return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String encode(String userInfo) {
        return userInfo.isEmpty() ? "" : userInfo.substring(0, userInfo.length() - 1)
                .replaceAll("[^A-Za-z0-9\\-._~!$&'()*+,;=:%]", "_") + "@";
    }

    private static int widen(String text, int start, int end) {
        Matcher m = ADDRESS_CHARS.matcher(text).region(end, text.length());
        int widened = m.lookingAt() ? m.end() : end;
        if (widened == end) {
            return end;
        }
        // twitter-text already trimmed its own match; only what the widening added is trimmed again
        String added = text.substring(end, widened);
        Matcher trailing = TRAILING.matcher(added);
        return trailing.find() ? end + trailing.start() : widened;
    }
}
