package org.kohogateway.gateway.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * When a record's retention starts and when it may be disposed of, as Japanese records management counts them: the
 * period starts (起算日) on the April 1 after the record was made — the first day of the next fiscal year — so a post
 * first sent on 2025-06-10 or on 2026-03-31 starts on 2026-04-01, and one sent on 2026-04-01 starts on 2027-04-01
 * (公文書等の管理に関する法律施行令 第8条; cities' 文書管理規程 count alike). A one-year record then ends on 2027-03-31 (満了日) and may be
 * disposed of from 2027-04-01, the disposal date kept here. The day a post was made is the city's day (Japan time).
 *
 * @param startsOn     起算日, the first day of the fiscal year after the first send
 * @param disposalDate the first day the record may be disposed of; absent for a permanent record
 */
public record RetentionSchedule(LocalDate startsOn, @Nullable LocalDate disposalDate) {

    static final ZoneId CITY_TIME = ZoneId.of("Asia/Tokyo");
    private static final MonthDay FISCAL_YEAR_START = MonthDay.of(4, 1);

    static RetentionSchedule of(Instant firstSentAt, RetentionClass retention) {
        LocalDate made = firstSentAt.atZone(CITY_TIME).toLocalDate();
        LocalDate thisYearsStart = FISCAL_YEAR_START.atYear(made.getYear());
        LocalDate startsOn = made.isBefore(thisYearsStart) ? thisYearsStart : thisYearsStart.plusYears(1);
        Integer years = retention.years();
        return new RetentionSchedule(startsOn, years == null ? null : startsOn.plusYears(years));
    }

    /** The last day the record must be kept (満了日); absent for a permanent record. */
    public @Nullable LocalDate retainedUntil() {
        return disposalDate == null ? null : disposalDate.minusDays(1);
    }
}
