package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class DeliveryCalendarIntegrationTest extends IntegrationTest {

    @Autowired
    DeliveryCalendar calendar;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void entriesAreTheRangesDeliveriesOfTheGivenAccountsInTimeOrderWithAShortExcerpt() {
        World world = data.world();
        Instant at = clock.instant().plus(Duration.ofDays(3));
        String longText = "あ".repeat(DeliveryCalendar.EXCERPT) + "続き" + TestData.unique();
        Post later = data.approvedPost(world, longText, at.plusSeconds(3600), world.lineA());
        Post earlier = data.approvedPost(world, "短い " + TestData.unique(), at, world.lineA(), world.lineA2());
        Post outside = data.approvedPost(world, "範囲外 " + TestData.unique(), at.plus(Duration.ofDays(2)),
                world.lineA());
        Post draft = data.draft(world.poster(), "下書きは予定ではない " + TestData.unique(), at, world.lineA());

        List<DeliveryCalendar.Entry> entries = calendar.entries(at, at.plus(Duration.ofDays(1)),
                Set.of(world.lineA().id(), world.lineA2().id()), 100);

        assertThat(entries).extracting(DeliveryCalendar.Entry::postId)
                .containsExactly(earlier.id(), earlier.id(), later.id())
                .doesNotContain(outside.id(), draft.id());
        assertThat(entries).extracting(DeliveryCalendar.Entry::accountId)
                .containsExactly(world.lineA().id(), world.lineA2().id(), world.lineA().id());
        DeliveryCalendar.Entry last = entries.getLast();
        assertThat(last.status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(last.at()).isEqualTo(at.plusSeconds(3600));
        assertThat(last.excerpt()).hasSize(DeliveryCalendar.EXCERPT).doesNotContain("続き");
        assertThat(last.truncated()).isTrue();
        assertThat(entries.getFirst().truncated()).isFalse();

        assertThat(calendar.entries(at, at.plus(Duration.ofDays(1)), Set.of(world.lineA2().id()), 100))
                .extracting(DeliveryCalendar.Entry::postId).containsExactly(earlier.id());
        assertThat(calendar.entries(at, at.plus(Duration.ofDays(1)), Set.of(world.lineA().id()), 1)).hasSize(1);
        assertThat(calendar.entries(at, at.plus(Duration.ofDays(1)), Set.of(), 100)).isEmpty();
    }

    @Test
    void aHeldDeliveryStandsAtItsPostsScheduledTime() {
        World world = data.world();
        Instant planned = clock.instant().plusSeconds(60);
        Post late = data.draft(world.poster(), "保留 " + TestData.unique(), planned, world.lineA());
        workflow.submit(world.poster(), late.id());
        clock.set(planned.plusSeconds(3600));
        workflow.approve(world.approver(), late.id(), "遅れて承認", Set.of(), workflow.get(late.id()).contentHash());

        List<DeliveryCalendar.Entry> entries = calendar.entries(planned.minusSeconds(1), planned.plusSeconds(1),
                Set.of(world.lineA().id()), 100);

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.postId()).isEqualTo(late.id());
            assertThat(e.status()).isEqualTo(DeliveryStatus.HELD);
            assertThat(e.at()).isEqualTo(planned);
        });
    }

    /**
     * The month's statement can be answered from the two calendar indexes; with sequential scans priced out, the
     * planner picks them (on a small test table it would rightly scan instead).
     */
    @Test
    void theCalendarStatementUsesItsIndexes() {
        World world = data.world();
        data.approvedPost(world, "索引 " + TestData.unique(), clock.instant().plusSeconds(600), world.lineA());
        String plan = transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("explain " + DeliveryCalendar.ENTRIES)
                    .param("chars", DeliveryCalendar.EXCERPT)
                    .param("from", Timestamp.from(clock.instant()))
                    .param("to", Timestamp.from(clock.instant().plus(Duration.ofDays(31))))
                    .param("accounts", List.of(world.lineA().id()))
                    .param("limit", 1000)
                    .query(String.class).list());
        });

        assertThat(plan).contains("delivery_calendar").contains("delivery_held");
    }
}
