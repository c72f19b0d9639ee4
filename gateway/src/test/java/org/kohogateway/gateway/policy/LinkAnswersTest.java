package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.support.OutboundProperties;
import org.kohogateway.gateway.support.SafeFetch;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.unit.DataSize;

/** The link check's guards that need no server: never inside a transaction, and a refused address is a warning. */
class LinkAnswersTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final LinkAnswers answers = new LinkAnswers(
            new SafeFetch(new OutboundProperties(false, 3, DataSize.ofMegabytes(2), Duration.ofSeconds(1)), host -> {
                lookups.incrementAndGet();
                throw new java.net.UnknownHostException(host);
            }), new LinkCheckProperties(2, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)));

    @Test
    void refusesToFetchInsideATransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> answers.check(List.of(candidate("https://www.city.gotsu.lg.jp/"))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(lookups).hasValue(0);
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }

    @Test
    void aNameThatDoesNotResolveIsAWarningAtTheLinksSpanAndIsAskedOnce() {
        String text = "詳しくは https://www.city.gotsu.lg.jp/gomi/ をご覧ください";
        List<Finding> first = answers.check(List.of(candidate(text))).getFirst();
        List<Finding> again = answers.check(List.of(candidate(text))).getFirst();

        assertThat(first).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.LINK_NOT_ANSWERING);
            assertThat(f.severity()).isEqualTo(Severity.WARN);
            assertThat(text.substring(f.start(), f.end())).isEqualTo("https://www.city.gotsu.lg.jp/gomi/");
        });
        assertThat(again).isEqualTo(first);
        assertThat(lookups).hasValue(1);
    }

    private static Candidate candidate(String text) {
        return new Candidate(text, List.<URI>of(), List.of(), null, null, false, false, null, List.of());
    }
}
