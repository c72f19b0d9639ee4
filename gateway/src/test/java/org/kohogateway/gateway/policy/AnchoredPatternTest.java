package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

/** The rules' patterns, searched only near their anchors, find what a search at every character finds. */
class AnchoredPatternTest {

    private static final Map<String, AnchoredPattern> RULES = Map.of("BLANK", TemplateMarkers.BLANK,
            "PLACEHOLDER", TemplateMarkers.PLACEHOLDER, "MY_NUMBER", PersonalDataRules.MY_NUMBER, "POSTAL_CODE",
            PersonalDataRules.POSTAL_CODE, "ADDRESS", PersonalDataRules.ADDRESS, "DATE", DateRules.DATE, "FUSEJI",
            ContentRules.FUSEJI);

    /** Pieces that make and break each rule's matches: digits, units, blanks, place names, dates, separators. */
    private static final String[] PIECES = {"1", "12", "2026", "1234", "0855", "-", "‐", "ー", " ", "\n", "年", "月",
        "日", "時", "分", "/", "(日)", "(月・祝)", "(日曜日)", "○", "〇", "◯", "×", "*", "△", "□", "二", "午前", "午後",
        "{{", "}}", "時刻", "〒", "郵便番号", "江津", "町", "村", "丁目", "番地", "番", "号", "の", "カタカナ", "ヶ",
        "江津市江津町", "ひらがな", "。", "、", "km", "m", "円", "人", "★"};

    @Test
    void everyRulesPatternFindsWhatASearchAtEveryCharacterFinds() {
        Random random = new Random(20261204);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int i = 0; i < length; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            RULES.forEach((name, rule) -> assertThat(spans(rule.in(text.toString())))
                    .as("%s in %s", name, text).isEqualTo(everywhere(rule, text.toString())));
        }
    }

    @Test
    void aMatchThatStartsFarBeforeItsAnchorIsFoundWithinTheReach() {
        String text = "会場は江津市江津町1525番地です。2026年12月20日(日)";

        assertThat(spans(PersonalDataRules.ADDRESS.in(text))).isEqualTo(everywhere(PersonalDataRules.ADDRESS, text))
                .isNotEmpty();
        assertThat(spans(DateRules.DATE.in(text))).isEqualTo(everywhere(DateRules.DATE, text)).hasSize(1);
    }

    private static List<String> everywhere(AnchoredPattern rule, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = rule.pattern().matcher(text);
        while (m.find()) {
            found.add(m.start() + "-" + m.end());
        }
        return found;
    }

    private static List<String> spans(List<MatchResult> matches) {
        return matches.stream().map(m -> m.start() + "-" + m.end()).toList();
    }
}
