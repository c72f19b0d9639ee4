package org.kohogateway.gateway.policy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.kohogateway.connectors.Links;

/**
 * Links in the text or beside it, and where images come from: shorteners and block-listed sites are refused, other
 * non-city sites acknowledged.
 */
final class LinkRules {

    private LinkRules() {
    }

    static void check(NormalizedText text, Candidate candidate, PolicyLists.Snapshot lists, List<Finding> findings) {
        Map<String, String> shorteners = lists.get(ListName.URL_SHORTENER);
        Map<String, String> blocked = lists.get(ListName.BLOCKED_DOMAIN);
        Map<String, String> official = lists.get(ListName.OFFICIAL_DOMAIN);
        for (Links.Link link : text.links()) {
            int start = text.originalStart(link.start());
            int end = text.originalEnd(link.end());
            judge(link.host(), text.original.substring(start, end), start, end, shorteners, blocked, official,
                    findings);
        }
        for (URI link : candidate.links()) {
            if (!text.normalized.contains(link.toString())) {
                judge(Links.hostOf(link.toString()), link.toString(), -1, -1, shorteners, blocked, official, findings);
            }
        }
        // an image is fetched by the platform from where it lives: the same caution as a link
        for (URI image : candidate.mediaUrls()) {
            judge(Links.hostOf(image.toString()), image.toString(), -1, -1, shorteners, blocked, official, findings);
        }
        if (candidate.quoteOf() != null && !CommentRules.cityOwn(candidate.quoteOf(), candidate.cityHandles(), lists)) {
            findings.add(new Finding(RuleId.QUOTE_OF_OTHERS, -1, -1, null, List.of(candidate.quoteOf())));
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
}
