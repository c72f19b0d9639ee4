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
 * The rules without the database, on a few list entries: spans as written and the My Number check digit.
 * The corpus itself runs against the migrated lists in {@link PolicyCorpusIntegrationTest}.
 */
class PolicyCorpusTest {

    static final PolicyLists.Snapshot LISTS = fixture();

    private static final Candidate.Target LINE = new Candidate.Target(1, Platform.LINE, ReplyPolicy.REPLIES_ALLOWED);

    @Test
    void reportsTheOffendingSpanInTheTextAsWritten() {
        String text = "詳細：ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ まで";

        Finding finding = PolicyRules.check(candidate(text), LISTS, Instant.now()).stream()
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

    /**
     * Just the entries these unit tests name — not a copy of the shipped lists, which are tested as migrated by
     * {@link PolicyCorpusIntegrationTest}.
     */
    static PolicyLists.Snapshot fixture() {
        Map<ListName, Map<String, String>> lists = new EnumMap<>(ListName.class);
        put(lists, ListName.OFFICIAL_DOMAIN, "city.gotsu.lg.jp", "");
        for (String s : List.of("bit.ly", "t.co", "tinyurl.com", "ow.ly", "is.gd")) {
            put(lists, ListName.URL_SHORTENER, s, "");
        }
        put(lists, ListName.BLOCKED_DOMAIN, "pornhub.com", "わいせつな内容を含むサイト");
        return new PolicyLists.Snapshot(lists, Instant.now());
    }

    private static void put(Map<ListName, Map<String, String>> lists, ListName list, String value, String reason) {
        lists.computeIfAbsent(list, k -> new LinkedHashMap<>()).put(value, reason);
    }
}
