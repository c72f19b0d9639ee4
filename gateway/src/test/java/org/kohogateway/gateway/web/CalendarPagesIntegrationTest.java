package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

class CalendarPagesIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    StaffDirectory staff;

    @Autowired
    Dispatcher dispatcher;

    /** A day well ahead of now, mid-month so that a shift of one day stays in the same month. */
    private static LocalDate futureDay() {
        return YearMonth.now(ZoneOffset.UTC).plusMonths(2).atDay(14);
    }

    @Test
    void anEntryAt2330UtcLandsOnTheNextJapanDayWithTimeAccountExcerptAndStatus() {
        World world = data.world();
        LocalDate utcDay = futureDay();
        Instant lateEvening = utcDay.atTime(23, 30).toInstant(ZoneOffset.UTC);
        String text = "夜のうちに予約した投稿です。日本時間では翌朝八時半に配信されます。" + TestData.unique();
        Post post = data.approvedPost(world, text, lateEvening, world.lineA());

        String calendar = session(world.poster()).page("/calendar?month=" + YearMonth.from(utcDay));

        String japanDay = day(calendar, utcDay.plusDays(1));
        assertThat(japanDay).contains("/posts/" + post.id().value()).contains(">08:30<")
                .contains(world.lineA().name()).contains(text.substring(0, 20)).contains("status-scheduled")
                .contains("class=\"state\">予約<").doesNotContain(text).contains("…");
        assertThat(day(calendar, utcDay)).doesNotContain("/posts/" + post.id().value());
    }

    @Test
    void aPosterSeesTheirDepartmentsAccountsOnlyWhilePrAndAuditorsSeeAll() {
        World world = data.world();
        Instant at = futureDay().atTime(1, 0).toInstant(ZoneOffset.UTC);
        Post mine = data.approvedPost(world, "観光課の予定 " + TestData.unique(), at, world.lineA());
        String posterB = "posterb-" + TestData.unique();
        staff.addStaff(posterB, posterB, TestData.PASSWORD, world.departmentB().id(), Set.of(Role.POSTER));
        Post theirs = workflow.create(posterB, NewPost.of("防災課の予定 " + TestData.unique(), java.util.List.of(),
                PostCategory.NOTICE, java.util.List.of(world.lineB().id()), at));
        workflow.submit(posterB, theirs.id());
        workflow.approve(world.approverB(), theirs.id(), "ok", Set.of(), workflow.get(theirs.id()).contentHash());
        String month = "/calendar?month=" + YearMonth.from(futureDay());

        String poster = session(world.poster()).page(month);
        assertThat(poster).contains("/posts/" + mine.id().value()).doesNotContain("/posts/" + theirs.id().value())
                .doesNotContain(world.lineB().name());
        String approverB = session(world.approverB()).page(month);
        assertThat(approverB).contains("/posts/" + theirs.id().value()).doesNotContain("/posts/" + mine.id().value());
        for (String everything : new String[] {world.pr(), world.auditor(), world.admin()}) {
            assertThat(session(everything).page(month)).as(everything).contains("/posts/" + mine.id().value())
                    .contains("/posts/" + theirs.id().value());
        }

        PageSession posterSession = session(world.poster());
        assertThat(posterSession.get(month + "&account=" + world.lineB().id()).statusCode()).isEqualTo(403);
        assertThat(posterSession.get("/posts/" + theirs.id().value()).statusCode())
                .as("another department's post is not found, as on the API: its existence does not leak")
                .isEqualTo(404);
        assertThat(posterSession.page("/posts/" + mine.id().value())).contains("観光課の予定");
        String filtered = session(world.pr()).page(month + "&account=" + world.lineB().id());
        assertThat(filtered).contains("/posts/" + theirs.id().value()).doesNotContain("/posts/" + mine.id().value());
    }

    @Test
    void heldAndSentDeliveriesAppearOnTheirDays() {
        World world = data.world();
        Instant planned = clock.instant().plusSeconds(60);
        Post late = data.draft(world.poster(), "承認が遅れた投稿 " + TestData.unique(), planned, world.lineA2());
        workflow.submit(world.poster(), late.id());
        clock.set(planned.plusSeconds(600));
        workflow.approve(world.approver(), late.id(), "遅れて承認", Set.of(), workflow.get(late.id()).contentHash());
        assertThat(workflow.get(late.id()).deliveries().getFirst().status().name()).isEqualTo("HELD");
        Post sent = data.approvedPost(world, "送信済みの投稿 " + TestData.unique(), null, world.lineA());
        dispatcher.drain();
        assertThat(workflow.get(sent.id()).deliveries().getFirst().status().name()).isEqualTo("SENT");
        LocalDate heldDay = planned.atZone(PagesController.CITY_TIME).toLocalDate();
        LocalDate sentDay = workflow.get(sent.id()).deliveries().getFirst().sentAt().atZone(PagesController.CITY_TIME)
                .toLocalDate();

        PageSession approver = session(world.approver());
        assertThat(day(approver.page("/calendar?month=" + YearMonth.from(heldDay)), heldDay))
                .contains("/posts/" + late.id().value()).contains("status-held").contains("保留");
        assertThat(day(approver.page("/calendar?month=" + YearMonth.from(sentDay)), sentDay))
                .contains("/posts/" + sent.id().value()).contains("status-sent").contains("送信済み");
        assertThat(approver.page("/posts/" + late.id().value())).contains("承認が遅れた投稿")
                .contains("name=\"scheduledAt\"");
    }

    @Test
    void theMonthIsJapansMonthAndNavigatesByMonthAndWeek() {
        World world = data.world();
        // 15:30 UTC on the last of May is already 1 June in Japan
        clock.set(Instant.parse("2031-05-31T15:30:00Z"));
        PageSession poster = session(world.poster());

        String thisMonth = poster.page("/calendar");
        assertThat(thisMonth).contains("2031年6月").contains("href=\"/calendar?month=2031-05\"")
                .contains("href=\"/calendar?month=2031-07\"");
        assertThat(day(thisMonth, LocalDate.of(2031, 6, 1))).contains("today");
        assertThat(thisMonth).doesNotContain("id=\"day-2031-05-30\"")
                .as("June 2031 starts on a Sunday: the grid starts there").contains("id=\"day-2031-06-01\"");

        String december = poster.page("/calendar?month=2031-12");
        assertThat(december).contains("2031年12月").contains("href=\"/calendar?month=2031-11\"")
                .contains("href=\"/calendar?month=2032-01\"")
                .as("the grid starts on the Sunday before the first").contains("id=\"day-2031-11-30\"");

        String week = poster.page("/calendar?week=2031-06-04");
        assertThat(Pattern.compile("class=\"day[ \"]").matcher(week).results().count()).isEqualTo(7);
        assertThat(week).contains("id=\"day-2031-06-01\"").contains("id=\"day-2031-06-07\"")
                .contains("href=\"/calendar?week=2031-05-25\"").contains("href=\"/calendar?week=2031-06-08\"");

        assertThat(poster.page("/calendar?lang=en")).contains("June 2031").contains("Next month");
        assertThat(poster.get("/calendar?month=2031-13").statusCode()).isEqualTo(400);
        assertThat(poster.get("/calendar?week=someday").statusCode()).isEqualTo(400);
        assertThat(poster.get("/calendar?month=999999999-12").statusCode()).isEqualTo(400);
        assertThat(poster.get("/calendar?account=abc").statusCode()).isEqualTo(400);
        assertThat(poster.page("/")).contains("href=\"/calendar\"");
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }

    /** The markup of one day cell of the calendar. */
    private static String day(String calendar, LocalDate date) {
        Matcher start = Pattern.compile("<li[^>]*id=\"day-" + date + "\"").matcher(calendar);
        assertThat(start.find()).as("calendar has a cell for " + date).isTrue();
        int next = calendar.indexOf("id=\"day-", start.end());
        return calendar.substring(start.start(), next < 0 ? calendar.length() : next);
    }
}
