package org.kohogateway.gateway.policy;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prohibited content from the term list (§4, acknowledged by the approver) and 伏せ字 (§8-⑤, a warning). */
final class ContentRules {

    /** The same masking mark twice or more: ○○, 〇〇, ××, ●●, ＊＊, □□ … */
    private static final Pattern FUSEJI = Pattern.compile("([○〇◯●×✕✖*□■△▲◎◇◆])\\1+");

    private ContentRules() {
    }

    static void check(NormalizedText text, PolicyLists.Snapshot lists, List<Finding> findings) {
        for (Map.Entry<String, String> term : lists.get(ListName.PROHIBITED_TERM).entrySet()) {
            String needle = Normalizer.normalize(term.getKey(), Normalizer.Form.NFKC);
            int from = 0;
            int at;
            while ((at = text.normalized.indexOf(needle, from)) >= 0) {
                int s = text.originalStart(at);
                int e = text.originalEnd(at + needle.length());
                findings.add(new Finding(RuleId.PROHIBITED_CONTENT, s, e, null,
                        List.of(text.original.substring(s, e), term.getValue())));
                from = at + needle.length();
            }
        }
        Matcher m = FUSEJI.matcher(text.normalized);
        while (m.find()) {
            int s = text.originalStart(m.start());
            int e = text.originalEnd(m.end());
            findings.add(new Finding(RuleId.FUSEJI, s, e, null, List.of(text.original.substring(s, e))));
        }
    }
}
