package org.kohogateway.gateway.policy;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links in the text or beside it, and where images come from: shorteners and block-listed sites are refused, other
 * non-city sites acknowledged.
 */
final class LinkRules {

    /** A web address with or without scheme, in the NFKC form of the text (so full-width URLs are found too). */
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![@\\w.-])(?<scheme>https?://)?(?<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24})"
                    + "(?<port>:\\d{1,5})?(?<path>/[\\w\\-./?%&=+#~!$,;:@*'()\\[\\]]*)?",
            Pattern.CASE_INSENSITIVE);

    /** Without scheme, path or www, a dotted word is only taken for an address on these endings ("report.pdf" is not). */
    private static final Set<String> COMMON_ENDINGS = Set.of("com", "net", "org", "jp", "io", "co", "info", "biz",
            "me", "tv", "ly", "gl", "gd", "to", "cc", "at", "tt", "blue", "link", "xyz", "app", "dev", "site", "page");

    private LinkRules() {
    }

    static void check(NormalizedText text, Candidate candidate, PolicyLists.Snapshot lists, List<Finding> findings) {
        Map<String, String> shorteners = lists.get(ListName.URL_SHORTENER);
        Map<String, String> blocked = lists.get(ListName.BLOCKED_DOMAIN);
        Map<String, String> official = lists.get(ListName.OFFICIAL_DOMAIN);
        Matcher m = ADDRESS.matcher(text.normalized);
        while (m.find()) {
            String host = m.group("host").toLowerCase(Locale.ROOT);
            boolean known = Domains.firstWithin(host, shorteners.keySet()) != null
                    || Domains.firstWithin(host, blocked.keySet()) != null
                    || Domains.firstWithin(host, official.keySet()) != null;
            boolean looksLikeAddress = m.group("scheme") != null || m.group("path") != null || host.startsWith("www.")
                    || COMMON_ENDINGS.contains(host.substring(host.lastIndexOf('.') + 1));
            if (!known && !looksLikeAddress) {
                continue;
            }
            int start = text.originalStart(m.start());
            int end = text.originalEnd(m.end());
            judge(host, text.original.substring(start, end), start, end, shorteners, blocked, official, findings);
        }
        for (URI link : candidate.links()) {
            String host = link.getHost() == null ? "" : link.getHost().toLowerCase(Locale.ROOT);
            if (!text.normalized.contains(link.toString())) {
                judge(host, link.toString(), -1, -1, shorteners, blocked, official, findings);
            }
        }
        // an image is fetched by the platform from where it lives: the same caution as a link
        for (URI image : candidate.mediaUrls()) {
            String host = image.getHost() == null ? "" : image.getHost().toLowerCase(Locale.ROOT);
            judge(host, image.toString(), -1, -1, shorteners, blocked, official, findings);
        }
        if (candidate.quoteOf() != null) {
            String host = hostOf(candidate.quoteOf());
            if (Domains.firstWithin(host, official.keySet()) == null) {
                findings.add(new Finding(RuleId.QUOTE_OF_OTHERS, -1, -1, null, List.of(candidate.quoteOf())));
            }
        }
    }

    private static void judge(String host, String shown, int start, int end, Map<String, String> shorteners,
            Map<String, String> blocked, Map<String, String> official, List<Finding> findings) {
        String shortener = Domains.firstWithin(host, shorteners.keySet());
        if (shortener != null) {
            findings.add(new Finding(RuleId.URL_SHORTENER, start, end, null, List.of(shown, shortener)));
            return;
        }
        String bad = Domains.firstWithin(host, blocked.keySet());
        if (bad != null) {
            findings.add(new Finding(RuleId.BLOCKED_SITE, start, end, null, List.of(shown, blocked.get(bad))));
            return;
        }
        if (Domains.firstWithin(host, official.keySet()) == null) {
            findings.add(new Finding(RuleId.EXTERNAL_LINK, start, end, null, List.of(shown, host)));
        }
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
