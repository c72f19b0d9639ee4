package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

/** A wrong weekday is explained in each bundle's own language, the weekday included. */
class WeekdayMessageTest {

    @Test
    void theEnglishMessageNamesTheWeekdayInEnglish() {
        Finding finding = PolicyRules.check(PolicyCorpusTest.candidate("12月20日（土）に開催します"), PolicyCorpusTest.LISTS,
                Instant.parse("2026-12-01T00:00:00Z")).stream().filter(f -> f.rule() == RuleId.WEEKDAY_MISMATCH)
                .findFirst().orElseThrow();

        String english = MessageFormat.format(ResourceBundle.getBundle("messages", Locale.ENGLISH)
                .getString(finding.messageCode()), finding.arguments().toArray());
        String japanese = MessageFormat.format(ResourceBundle.getBundle("messages", Locale.ROOT)
                .getString(finding.messageCode()), finding.arguments().toArray());

        assertThat(english).contains("2026-12-20 is a Sunday").doesNotContain("曜");
        assertThat(japanese).contains("日曜日");
    }
}
