package org.kohogateway.gateway.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Accuracy aids for guideline §3-④ (発信する情報は正確に記述する): warnings, never a block, about the dates a post
 * names — a day that does not exist (11月31日), a weekday that does not match the date (12月20日（土） in a year where
 * it is a Sunday), and a date already past when the post goes out. A date without a year is read as the one nearest
 * the scheduled day in city time, so a post scheduled in December that names 1月5日 means next January.
 */
final class DateRules {

    static final ZoneId CITY_TIME = ZoneId.of("Asia/Tokyo");

    /** 2026年12月20日(日), 12月20日(日曜日), 12/20(日・祝), 12月20日; in the NFKC text, so （） and digits are ASCII. */
    static final AnchoredPattern DATE = AnchoredPattern.of(Pattern.compile(
            "(?<![\\d/])(?:(?<year>\\d{4})年\\s?)?(?<month>\\d{1,2})"
            + "(?:月\\s?(?<day>\\d{1,2})日|/(?<slashDay>\\d{1,2})(?=\\s?\\([月火水木金土日]))"
            + "(?:\\s?\\((?<weekday>[月火水木金土日])(?:曜日?)?(?:[・/]?祝日?)?\\))?"), "[年月/]", 4);
    private static final String WEEKDAYS = "月火水木金土日";
    /** The rest of the sentence says it already happened (a report, 「開催しました」「開催した」): a past date is meant. */
    private static final Pattern PAST_TENSE = Pattern.compile("[^。\\n!?]{0,40}?(?:ました|でした|だった|された|した(?!い))");

    private DateRules() {
    }

    static void check(NormalizedText text, Instant publishAt, List<Finding> findings) {
        LocalDate published = LocalDate.ofInstant(publishAt, CITY_TIME);
        for (MatchResult m : DATE.in(text.normalized)) {
            int month = Integer.parseInt(m.group("month"));
            int day = Integer.parseInt(m.group("day") != null ? m.group("day") : m.group("slashDay"));
            Integer year = m.group("year") == null ? null : Integer.valueOf(m.group("year"));
            int s = text.originalStart(m.start());
            int e = text.originalEnd(m.end());
            String shown = text.original.substring(s, e);
            LocalDate date = resolve(year, month, day, published);
            if (date == null) {
                findings.add(new Finding(RuleId.IMPOSSIBLE_DATE, s, e, null, List.of(shown)));
                continue;
            }
            String weekday = m.group("weekday");
            if (weekday != null && date.getDayOfWeek() != DayOfWeek.of(WEEKDAYS.indexOf(weekday) + 1)) {
                String actual = String.valueOf(WEEKDAYS.charAt(date.getDayOfWeek().getValue() - 1));
                // the weekday twice: in the text's own writing for the Japanese message, and in English for the English
                findings.add(new Finding(RuleId.WEEKDAY_MISMATCH, s, e, null, List.of(shown, date.toString(), actual,
                        date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))));
            }
            boolean report = PAST_TENSE.matcher(text.normalized).region(m.end(), text.normalized.length())
                    .lookingAt();
            if (date.isBefore(published) && !report) {
                findings.add(new Finding(RuleId.PAST_DATE, s, e, null, List.of(shown, published.toString())));
            }
        }
    }

    /** The date meant, or null if there is no such day (in the named year, or in any year near the scheduled day). */
    private static @Nullable LocalDate resolve(@Nullable Integer year, int month, int day, LocalDate published) {
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).maxLength()) {
            return null;
        }
        if (year != null) {
            return dateOrNull(year, month, day);
        }
        LocalDate best = null;
        for (int y = published.getYear() - 1; y <= published.getYear() + 1; y++) {
            // 2月29日 is judged in the nearest year as if it were 2月28日, then must exist there
            LocalDate proxy = LocalDate.of(y, month, Math.min(day, Month.of(month).minLength()));
            if (best == null || Math.abs(ChronoUnit.DAYS.between(published, proxy))
                    < Math.abs(ChronoUnit.DAYS.between(published, best))) {
                best = proxy;
            }
        }
        return dateOrNull(best.getYear(), month, day);
    }

    private static LocalDate dateOrNull(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
