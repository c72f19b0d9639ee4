package org.kohogateway.gateway.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.post.DeliveryCalendar.Entry;
import org.kohogateway.gateway.post.DeliveryCalendar;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The calendar of deliveries (city time): a month or a week of what goes out, is held, is being sent and went out,
 * per account, and the page of one post it links to. What a person sees is what they look after: the accounts of
 * their own department, or every account for PR officers, admins and auditors.
 */
@Controller
class CalendarPagesController {

    /** A month grid holds at most 42 days; past this many entries the page asks for a filter instead. */
    static final int ENTRY_LIMIT = 1000;
    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2999;

    /** The calendar's weeks start on Sunday, as Japanese wall calendars do. */
    private static final DayOfWeek FIRST_DAY = DayOfWeek.SUNDAY;

    /** One day cell: its date, whether it belongs to the month shown, whether it is today, and its entries. */
    record Day(LocalDate date, boolean inRange, boolean today, List<Entry> entries) {

        public boolean empty() {
            return entries.isEmpty();
        }
    }

    private final DeliveryCalendar calendar;
    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final PostWorkflow workflow;
    private final Clock clock;

    CalendarPagesController(DeliveryCalendar calendar, StaffDirectory staff, OfficialAccounts accounts,
            PostWorkflow workflow, Clock clock) {
        this.calendar = calendar;
        this.staff = staff;
        this.accounts = accounts;
        this.workflow = workflow;
        this.clock = clock;
    }

    /**
     * @param month   {@code 2026-11}; default this month (city time)
     * @param week    any day of the week to show, {@code 2026-11-24}; shows that week instead of a month
     * @param account only this account (one the person may see)
     */
    @GetMapping("/calendar")
    String calendar(Staff me, @RequestParam(required = false) String month,
            @RequestParam(required = false) String week, @RequestParam(required = false) Long account, Model model) {
        List<OfficialAccount> visible = visibleAccounts(me);
        Set<Long> visibleIds = visible.stream().map(OfficialAccount::id).collect(Collectors.toSet());
        if (account != null && !visibleIds.contains(account)) {
            throw new NotPermittedException("calendar.accountNotVisible",
                    "the calendar shows only the accounts you look after", String.valueOf(account));
        }
        LocalDate today = clock.instant().atZone(PagesController.CITY_TIME).toLocalDate();
        LocalDate first;
        LocalDate last;
        LocalDate rangeStart;
        LocalDate rangeEnd;
        if (week != null && !week.isBlank()) {
            rangeStart = date(week).with(TemporalAdjusters.previousOrSame(FIRST_DAY));
            rangeEnd = rangeStart.plusDays(6);
            first = rangeStart;
            last = rangeEnd;
            model.addAttribute("view", "week");
            model.addAttribute("previousHref", href("week", rangeStart.minusWeeks(1), account));
            model.addAttribute("nextHref", href("week", rangeStart.plusWeeks(1), account));
            model.addAttribute("currentHref", href("week", today, account));
            model.addAttribute("otherHref", href("month", YearMonth.from(rangeStart), account));
            model.addAttribute("weekStart", rangeStart);
            model.addAttribute("weekEnd", rangeEnd);
        } else {
            YearMonth shown = month == null || month.isBlank() ? YearMonth.from(today) : month(month);
            rangeStart = shown.atDay(1);
            rangeEnd = shown.atEndOfMonth();
            first = rangeStart.with(TemporalAdjusters.previousOrSame(FIRST_DAY));
            last = rangeEnd.with(TemporalAdjusters.nextOrSame(FIRST_DAY.minus(1)));
            model.addAttribute("view", "month");
            model.addAttribute("previousHref", href("month", shown.minusMonths(1), account));
            model.addAttribute("nextHref", href("month", shown.plusMonths(1), account));
            model.addAttribute("currentHref", href("month", YearMonth.from(today), account));
            model.addAttribute("otherHref", href("week", YearMonth.from(today).equals(shown) ? today : rangeStart,
                    account));
            model.addAttribute("month", shown);
            model.addAttribute("monthStart", rangeStart);
        }
        List<Entry> entries = calendar.entries(first.atStartOfDay(PagesController.CITY_TIME).toInstant(),
                last.plusDays(1).atStartOfDay(PagesController.CITY_TIME).toInstant(),
                account == null ? visibleIds : Set.of(account), ENTRY_LIMIT + 1);
        model.addAttribute("truncated", entries.size() > ENTRY_LIMIT);
        model.addAttribute("entryLimit", ENTRY_LIMIT);
        Map<LocalDate, List<Entry>> byDay = entries.stream().limit(ENTRY_LIMIT)
                .collect(Collectors.groupingBy(e -> e.at().atZone(PagesController.CITY_TIME).toLocalDate()));
        List<List<Day>> weeks = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (weeks.isEmpty() || weeks.getLast().size() == 7) {
                weeks.add(new ArrayList<>());
            }
            weeks.getLast().add(new Day(d, !d.isBefore(rangeStart) && !d.isAfter(rangeEnd), d.equals(today),
                    byDay.getOrDefault(d, List.of())));
        }
        model.addAttribute("weeks", weeks);
        model.addAttribute("nothing", weeks.stream().flatMap(List::stream).noneMatch(d -> d.inRange() && !d.empty()));
        model.addAttribute("weekdays", weeks.getFirst().stream().map(Day::date).toList());
        model.addAttribute("account", account);
        model.addAttribute("periodValue", week != null && !week.isBlank() ? rangeStart.toString()
                : YearMonth.from(rangeStart).toString());
        model.addAttribute("visibleAccounts", visible);
        return "calendar";
    }

    /**
     * One post with its deliveries, where the calendar's entries lead: the delivery forms, cancel, and for a sent post
     * "write a correction" (§7-①), with the links between a post and its corrections both ways (those this person
     * may see).
     */
    @GetMapping("/posts/{id}")
    String post(Staff me, @PathVariable UUID id, Model model) {
        Readers readers = Readers.of(me);
        // one the person may not read is not found, as on the API: its existence does not leak
        Post post = workflow.get(new PostId(id), readers);
        model.addAttribute("post", post);
        model.addAttribute("author", staff.byId(post.authorId()));
        model.addAttribute("back", "/posts/" + id);
        model.addAttribute("original", post.correctionOf() == null ? null
                : workflow.readable(post.correctionOf(), readers).orElse(null));
        model.addAttribute("corrections", workflow.corrections(post.id(), readers));
        model.addAttribute("correctable", post.mayBeCorrectedBy(me));
        return "post";
    }

    private static String href(String period, Object value, @Nullable Long account) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/calendar").queryParam(period, value);
        if (account != null) {
            uri.queryParam("account", account);
        }
        return uri.toUriString();
    }

    private List<OfficialAccount> visibleAccounts(Staff me) {
        return accounts.lookedAfterBy(me).stream()
                .sorted(Comparator.comparing(OfficialAccount::departmentId).thenComparing(OfficialAccount::id))
                .toList();
    }

    private static LocalDate date(String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("page.badDate", "not a date: " + value, value);
        }
        checkYear(date.getYear(), value);
        return date;
    }

    private static YearMonth month(String value) {
        YearMonth month;
        try {
            month = YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("page.badMonth", "not a month: " + value, value);
        }
        checkYear(month.getYear(), value);
        return month;
    }

    /** Years a calendar pages through; far beyond them the date arithmetic would leave what java.time holds. */
    private static void checkYear(int year, String value) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new InvalidRequestException("page.badMonth", "no calendar for " + value, value);
        }
    }
}
