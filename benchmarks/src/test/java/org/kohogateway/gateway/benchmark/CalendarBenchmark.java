package org.kohogateway.gateway.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.post.DeliveryCalendar;
import org.kohogateway.gateway.post.DeliveryCalendarStatement;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The calendar's month over a large outbox: {@value #ROWS} deliveries of one department's seven accounts spread over
 * two years (sent in the past, scheduled ahead), so that a month holds about 1/24 of them. Measures the month's
 * statement in process ({@code DeliveryCalendar.entries}) and the whole page over HTTP for a poster, and prints the
 * statement's plan.
 */
class CalendarBenchmark extends IntegrationTest {

    private static final int ROWS = 200_000;
    private static final int WARMUP = 50;
    private static final int MEASURED = 200;

    @Autowired
    DeliveryCalendar calendar;

    @Autowired
    JdbcClient jdbc;

    @Test
    void monthOfALargeOutbox() {
        World world = data.world();
        List<OfficialAccount> accounts = List.of(world.lineA(), world.lineA2(), world.lineAFree(), world.x(),
                world.facebook(), world.instagram(), world.lineB());
        Post template = data.approvedPost(world, "カレンダー計測 " + TestData.unique(), clock.instant().plusSeconds(600),
                world.lineA());
        Instant start = clock.instant().minus(Duration.ofDays(365));
        long seed = System.nanoTime();
        // every column but the generated ones (approval_current), which PostgreSQL fills itself
        String columns = String.join(", ", jdbc.sql("""
                select column_name from information_schema.columns
                where table_name = 'post' and is_generated = 'NEVER' order by ordinal_position
                """).query(String.class).list());
        jdbc.sql("insert into post (" + columns + ") select " + columns + " from (select (jsonb_populate_record(p, "
                + "jsonb_build_object('id', md5(:seed || '-' || n)::uuid))).* from post p, generate_series(1, :rows) n "
                + "where p.id = :template) copy")
                .param("seed", seed).param("rows", ROWS).param("template", template.id().value()).update();
        jdbc.sql("""
                insert into delivery (id, post_id, account_id, status, due_at, sent_at, updated_at)
                select gen_random_uuid(), md5(:seed || '-' || n)::uuid, (cast(:accounts as bigint[]))[1 + n % 7],
                       case when s.t < s.now then 'SENT' else 'SCHEDULED' end,
                       case when s.t < s.now then null else s.t end, case when s.t < s.now then s.t end, s.now
                from generate_series(1, :rows) n, lateral (select cast(:start as timestamptz)
                    + n * interval '316 seconds' as t, cast(:now as timestamptz) as now) s
                """).param("seed", seed).param("rows", ROWS)
                .param("accounts", accounts.stream().map(OfficialAccount::id).toArray(Long[]::new))
                .param("now", java.sql.Timestamp.from(clock.instant())).param("start", java.sql.Timestamp.from(start))
                .update();
        jdbc.sql("analyze delivery").update();
        jdbc.sql("analyze post").update();

        YearMonth month = YearMonth.from(clock.instant().atZone(java.time.ZoneId.of("Asia/Tokyo")));
        Instant from = month.atDay(1).atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
        Set<Long> department = Set.of(world.lineA().id(), world.lineA2().id(), world.lineAFree().id(), world.x().id(),
                world.facebook().id(), world.instagram().id());
        int found = calendar.entries(from, to, department, 1001).size();
        for (int i = 0; i < WARMUP; i++) {
            calendar.entries(from, to, department, 1001);
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long t0 = System.nanoTime();
            calendar.entries(from, to, department, 1001);
            nanos[i] = System.nanoTime() - t0;
        }
        report("DeliveryCalendar.entries, one month, 6 accounts (" + found + " entries, limit 1001)",
                "calendar_month_query", nanos);

        PageSession poster = PageSession.login(port, world.poster(), TestData.PASSWORD);
        for (int i = 0; i < WARMUP; i++) {
            poster.page("/calendar?month=" + month);
        }
        long[] pages = new long[MEASURED / 2];
        for (int i = 0; i < pages.length; i++) {
            long t0 = System.nanoTime();
            poster.page("/calendar?month=" + month);
            pages[i] = System.nanoTime() - t0;
        }
        report("GET /calendar?month=" + month + " as the department's poster", "calendar_month_page", pages);

        List<String> plan = jdbc.sql("explain analyze " + DeliveryCalendarStatement.sql())
                .param("chars", DeliveryCalendar.EXCERPT).param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to)).param("accounts", List.copyOf(department)).param("limit", 1001)
                .query(String.class).list();
        long total = jdbc.sql("select count(*) from delivery").query(Long.class).single();
        System.out.printf("plan with %,d deliveries in the table, %,d of them the department's:%n", total, ROWS);
        plan.forEach(line -> System.out.println("  " + line));
    }

    private static void report(String what, String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
        System.out.printf("%s: p50 %.1f ms, p99 %.1f ms (%d runs)%n", what, p50, p99, nanos.length);
        System.out.printf("RESULT %s_p50_ms=%.1f%nRESULT %s_p99_ms=%.1f%n", name, p50, name, p99);
    }
}
