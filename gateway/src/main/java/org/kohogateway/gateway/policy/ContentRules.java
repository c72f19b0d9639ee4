package org.kohogateway.gateway.policy;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prohibited content from the term list (§4, acknowledged by the approver) and 伏せ字 (§8-⑤, a warning). */
final class ContentRules {

    /** The same masking mark twice or more: ○○, 〇〇, ××, ●●, ＊＊, □□ … */
    static final AnchoredPattern FUSEJI = AnchoredPattern.of(Pattern.compile("([○〇◯●×✕✖*□■△▲◎◇◆])\\1+"),
            "[○〇◯●×✕✖*□■△▲◎◇◆]", 0);

    private ContentRules() {
    }

    static void check(NormalizedText text, PolicyLists.Snapshot lists, List<Finding> findings) {
        prohibitedTerms(text, lists.get(ListName.PROHIBITED_TERM), lists.foldedTerms(), findings);
        for (MatchResult m : FUSEJI.in(text.normalized)) {
            int s = text.originalStart(m.start());
            int e = text.originalEnd(m.end());
            findings.add(new Finding(RuleId.FUSEJI, s, e, null, List.of(text.original.substring(s, e))));
        }
    }

    /** Each term as it is looked for in a text: its NFKC form, folded as the text is ({@link KanaFolding#folded}). */
    static Map<String, String> folded(Map<String, String> terms) {
        Map<String, String> needles = new HashMap<>();
        for (String term : terms.keySet()) {
            needles.put(term, KanaFolding.of(Normalizer.normalize(term, Normalizer.Form.NFKC)).folded);
        }
        return Map.copyOf(needles);
    }

    /**
     * A term is found where its folded form occurs in the folded text and starts and ends on word boundaries, so
     * 「バ カ」 and 「ﾊﾞｶ」 are found and 「バカンス」 is not. The words are only analysed when some term occurs at all.
     */
    private static void prohibitedTerms(NormalizedText text, Map<String, String> terms, Map<String, String> needles,
            List<Finding> findings) {
        KanaFolding folded = KanaFolding.of(text.normalized);
        Words.Boundaries words = null;
        for (Map.Entry<String, String> term : terms.entrySet()) {
            String needle = needles.get(term.getKey());
            if (needle == null || needle.isEmpty()) {
                continue;
            }
            int at = folded.folded.indexOf(needle);
            while (at >= 0) {
                if (words == null) {
                    words = Words.of(folded.compact);
                }
                if (words.isWord(at, at + needle.length())) {
                    int s = text.originalStart(folded.source(at));
                    int e = text.originalEnd(folded.source(at + needle.length() - 1) + 1);
                    findings.add(new Finding(RuleId.PROHIBITED_CONTENT, s, e, null,
                            List.of(text.original.substring(s, e), term.getValue())));
                }
                at = folded.folded.indexOf(needle, at + 1);
            }
        }
    }
}
