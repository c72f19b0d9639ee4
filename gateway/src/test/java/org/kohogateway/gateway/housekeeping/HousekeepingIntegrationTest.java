package org.kohogateway.gateway.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.importing.ImportMode;
import org.kohogateway.gateway.importing.Imports;
import org.kohogateway.gateway.importing.PostImport;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class HousekeepingIntegrationTest extends IntegrationTest {

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    Imports imports;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoConcurrentTriggersForOneDayRunItOnce() throws Exception {
        LocalDate day = someDay();
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Boolean> trigger = () -> {
            together.await();
            return housekeeping.run(day);
        };
        List<Boolean> ran = new ArrayList<>();
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<Boolean>> results = two.invokeAll(List.of(trigger, trigger));
            for (Future<Boolean> result : results) {
                ran.add(result.get());
            }
        }

        assertThat(ran).containsExactlyInAnyOrder(true, false);
        assertThat(executions(day)).isEqualTo(1);
        assertThat(housekeeping.run(day)).as("a later trigger on the same day").isFalse();
        assertThat(executions(day)).isEqualTo(1);
    }

    @Test
    void purgesOldBatchMetadataAndForgottenFeedItemsButKeepsRecentOnesAndTheAuditTrail() {
        World world = data.world();
        PostImport old = importOne(world);
        PostImport recent = importOne(world);
        LocalDateTime longAgo = LocalDateTime.now().minusDays(100);
        jdbc.sql("update batch_job_execution set create_time = :t, start_time = :t, end_time = :t where job_execution_id = :id")
                .param("t", Timestamp.valueOf(longAgo)).param("id", old.jobExecutionId()).update();
        String n = TestData.unique();
        String forgotten = "https://www.city.gotsu.lg.jp/press/old-" + n;
        String stillListed = "https://www.city.gotsu.lg.jp/press/new-" + n;
        jdbc.sql("insert into feed_item (link, feed_url, title, first_seen_at, last_seen_at) values (:l, 'f', 't', :t, :t)")
                .param("l", forgotten).param("t", Timestamp.from(clock.instant().minus(Duration.ofDays(120)))).update();
        jdbc.sql("insert into feed_item (link, feed_url, title, first_seen_at, last_seen_at) values (:l, 'f', 't', :first, :last)")
                .param("l", stillListed).param("first", Timestamp.from(clock.instant().minus(Duration.ofDays(400))))
                .param("last", Timestamp.from(clock.instant())).update();
        jdbc.sql("update staff set email = 'h@city.example.jp' where username = :u").param("u", world.poster()).update();
        UUID oldSent = notification(world, "SENT", 120);
        UUID oldPending = notification(world, "PENDING", 120);
        UUID recentSent = notification(world, "SENT", 1);
        long auditBefore = jdbc.sql("select count(*) from audit_entry").query(Long.class).single();

        assertThat(housekeeping.run(someDay())).isTrue();

        assertThat(executionExists(old.jobExecutionId())).isFalse();
        assertThat(executionExists(recent.jobExecutionId())).isTrue();
        assertThat(feedItemExists(forgotten)).isFalse();
        assertThat(feedItemExists(stillListed)).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry").query(Long.class).single()).isGreaterThanOrEqualTo(auditBefore);
        assertThat(imports.get(old.id()).imported()).as("import history stays").isEqualTo(1);
        assertThat(notificationExists(oldSent)).isFalse();
        assertThat(notificationExists(oldPending)).as("still to be sent").isTrue();
        assertThat(notificationExists(recentSent)).isTrue();
    }

    /** An e-mail notification created that many days ago; a pending one is not due for years, so nobody sends it. */
    private UUID notification(World world, String status, int daysAgo) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into notification (id, event_id, kind, channel, staff_id, email, body, status, next_attempt_at,
                    created_at)
                select :id, :id, 'DELIVERY_FAILED', 'EMAIL', s.id, s.email, '{}', :status, '9999-01-01', :at
                from staff s where s.username = :u
                """).param("id", id).param("status", status)
                .param("at", Timestamp.from(clock.instant().minus(Duration.ofDays(daysAgo))))
                .param("u", world.poster()).update();
        return id;
    }

    private boolean notificationExists(UUID id) {
        return jdbc.sql("select count(*) from notification where id = :id").param("id", id).query(Integer.class)
                .single() > 0;
    }

    private PostImport importOne(World world) {
        String csv = "text,links,category,account_ids,scheduled_at,submit\r\nお知らせです。,,NOTICE," + world.lineA().id()
                + ",,false\r\n";
        PostImport accepted = imports.accept(world.poster(), "a.csv", csv.getBytes(StandardCharsets.UTF_8),
                ImportMode.VALID_ROWS);
        return imports.run(accepted.id());
    }

    /** A day no other run of this test used: housekeeping runs once per day. */
    private static LocalDate someDay() {
        return LocalDate.of(2200, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1_000_000));
    }

    private int executions(LocalDate day) {
        return jdbc.sql("""
                select count(*) from batch_job_execution e join batch_job_instance i using (job_instance_id)
                join batch_job_execution_params p using (job_execution_id)
                where i.job_name = 'housekeeping' and p.parameter_name = 'day' and p.parameter_value = :day
                """).param("day", day.toString()).query(Integer.class).single();
    }

    private boolean executionExists(long id) {
        return jdbc.sql("select count(*) from batch_job_execution where job_execution_id = :id").param("id", id)
                .query(Integer.class).single() > 0;
    }

    private boolean feedItemExists(String link) {
        return jdbc.sql("select count(*) from feed_item where link = :l").param("l", link).query(Integer.class)
                .single() > 0;
    }
}
