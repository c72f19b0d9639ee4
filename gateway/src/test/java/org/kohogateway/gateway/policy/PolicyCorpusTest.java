package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/**
 * A Japanese corpus of true positives and true negatives, at least ten of each per rule, including the lookalikes
 * that trip naive checks (a 12-digit number with a wrong check digit, bit.ly inside a longer domain, the city's own
 * phone number, full-width digits and URLs). The lists are the shipped defaults (V2 migration) plus one public
 * e-mail address of the city.
 */
class PolicyCorpusTest {

    static final PolicyLists.Snapshot DEFAULTS = defaults();

    private static final Candidate.Target LINE = new Candidate.Target(1, Platform.LINE, ReplyPolicy.REPLIES_ALLOWED);

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                PolicyCorpusTest.class.getResourceAsStream("/policy/corpus.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                cases.add(Arguments.of(RuleId.valueOf(f[0]), "1".equals(f[1]), f[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("corpus")
    void findsExactlyWhatTheCorpusSays(RuleId rule, boolean expected, String text) {
        List<Finding> findings = PolicyRules.check(candidate(text), DEFAULTS);

        assertThat(findings.stream().anyMatch(f -> f.rule() == rule))
                .as("%s on «%s»: %s", rule, text, findings).isEqualTo(expected);
    }

    @Test
    void corpusHasTenPositivesAndTenNegativesPerTextRule() throws IOException {
        Map<RuleId, int[]> counts = new EnumMap<>(RuleId.class);
        corpus().forEach(a -> counts.computeIfAbsent((RuleId) a.get()[0], r -> new int[2])[(Boolean) a.get()[1] ? 0 : 1]++);

        for (RuleId rule : List.of(RuleId.URL_SHORTENER, RuleId.BLOCKED_SITE, RuleId.EXTERNAL_LINK,
                RuleId.PROHIBITED_CONTENT, RuleId.MY_NUMBER, RuleId.PHONE_NUMBER, RuleId.EMAIL_ADDRESS,
                RuleId.POSTAL_ADDRESS, RuleId.FUSEJI)) {
            assertThat(counts.get(rule)).as(rule.name()).satisfies(c -> {
                assertThat(c[0]).isGreaterThanOrEqualTo(10);
                assertThat(c[1]).isGreaterThanOrEqualTo(10);
            });
        }
    }

    @Test
    void reportsTheOffendingSpanInTheTextAsWritten() {
        String text = "詳細：ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ まで";

        Finding finding = PolicyRules.check(candidate(text), DEFAULTS).stream()
                .filter(f -> f.rule() == RuleId.URL_SHORTENER).findFirst().orElseThrow();

        assertThat(text.substring(finding.start(), finding.end())).isEqualTo("ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ");
        assertThat(finding.severity()).isEqualTo(Severity.BLOCK);
    }

    @Test
    void validatesMyNumberCheckDigitsIndependently() {
        assertThat(PersonalDataRules.validMyNumber("123456789018")).isTrue();
        assertThat(PersonalDataRules.validMyNumber("123456789017")).isFalse();
    }

    static Candidate candidate(String text) {
        return new Candidate(text, List.of(), List.of(), null, null, false, false, List.of(LINE));
    }

    static PolicyLists.Snapshot defaults() {
        Map<ListName, Map<String, String>> lists = new EnumMap<>(ListName.class);
        put(lists, ListName.OFFICIAL_DOMAIN, "city.gotsu.lg.jp", "");
        for (String s : List.of("bit.ly", "t.co", "tinyurl.com", "ow.ly", "goo.gl", "is.gd", "amzn.to", "buff.ly",
                "tiny.cc", "x.gd", "rebrand.ly", "cutt.ly", "shorturl.at", "v.gd", "db.tt", "qr.paps.jp", "urx.blue")) {
            put(lists, ListName.URL_SHORTENER, s, "");
        }
        put(lists, ListName.BLOCKED_DOMAIN, "malware.testing.google.test", "閲覧者に損害を与えようとするサイト");
        put(lists, ListName.BLOCKED_DOMAIN, "pornhub.com", "わいせつな内容を含むサイト");
        put(lists, ListName.BLOCKED_DOMAIN, "xvideos.com", "わいせつな内容を含むサイト");
        for (String t : List.of("死ね", "バカ", "馬鹿", "アホ", "クズ", "無能", "キチガイ", "土人", "ガイジ", "外人", "殺す",
                "違法ダウンロード", "拡散希望", "わいせつ", "アダルト")) {
            put(lists, ListName.PROHIBITED_TERM, t, "§4");
        }
        for (String a : List.of("0855-52-2501", "〒695-8501", "江津市江津町1525番地", "kouhou@city.gotsu.lg.jp")) {
            put(lists, ListName.PERSONAL_DATA_ALLOWED, PersonalDataRules.key(a), "");
        }
        return new PolicyLists.Snapshot(lists, Instant.now());
    }

    private static void put(Map<ListName, Map<String, String>> lists, ListName list, String value, String reason) {
        lists.computeIfAbsent(list, k -> new LinkedHashMap<>()).put(value, reason);
    }
}
