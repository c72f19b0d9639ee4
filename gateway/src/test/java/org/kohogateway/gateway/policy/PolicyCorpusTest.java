package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/**
 * The rules without the database, on lists like the shipped ones: spans as written and the My Number check digit.
 * The corpus itself runs against the migrated lists in {@link PolicyCorpusIntegrationTest}.
 */
class PolicyCorpusTest {

    static final PolicyLists.Snapshot DEFAULTS = defaults();

    private static final Candidate.Target LINE = new Candidate.Target(1, Platform.LINE, ReplyPolicy.REPLIES_ALLOWED);

    @Test
    void reportsTheOffendingSpanInTheTextAsWritten() {
        String text = "詳細：ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ まで";

        Finding finding = PolicyRules.check(candidate(text), DEFAULTS, Instant.now()).stream()
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
        return new Candidate(text, List.of(), List.of(), null, null, false, false, null, List.of(LINE));
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
