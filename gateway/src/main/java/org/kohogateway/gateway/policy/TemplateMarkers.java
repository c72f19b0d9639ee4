package org.kohogateway.gateway.policy;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Template markers left in a post (§3-④): a placeholder such as {{時刻}}, or a blank such as ○時○分 or 令和○年 that a
 * template writer left for the time, the number or the place. Yokohama sent a missile alert with "○時○分" in it in
 * 2013; a blank in a public post is wrong information, so it blocks at every step, in every post.
 */
final class TemplateMarkers {

    static final AnchoredPattern PLACEHOLDER = AnchoredPattern.of(
            Pattern.compile("\\{\\{[^{}\\n]{0,40}}}"), "\\{\\{", 0);
    /**
     * One to three blank marks before a unit of time, count or place. The ideographic 〇 is also the digit zero: after
     * a kanji numeral (二〇時 is 20時, 二〇二六年 is 2026年) and in 午前〇時 (midnight), so there it is no blank.
     */
    static final AnchoredPattern BLANK = AnchoredPattern.of(Pattern.compile(
            "(?:[○◯●△□×*]{1,3}|(?<![一二三四五六七八九十百千〇零]|午[前後])〇{1,3})"
            + "\\s?(?:年|月|日|時|分|秒|曜|号|丁目|番|人|名|件|回|歳|円|箇所|か所|ヶ所|カ所|mm|cm|km|m)"), "[○◯●△□×*〇]", 0);

    private TemplateMarkers() {
    }

    static void check(NormalizedText text, List<Finding> findings) {
        find(PLACEHOLDER.in(text.normalized), text, findings);
        find(BLANK.in(text.normalized), text, findings);
    }

    private static void find(List<MatchResult> matches, NormalizedText text, List<Finding> findings) {
        for (MatchResult m : matches) {
            int s = text.originalStart(m.start());
            int e = text.originalEnd(m.end());
            findings.add(new Finding(RuleId.TEMPLATE_MARKER_LEFT, s, e, null, List.of(text.original.substring(s, e))));
        }
    }
}
