package org.kohogateway.gateway.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.PostCategory;

class RetentionScheduleTest {

    @Test
    void retentionStartsOnTheAprilFirstAfterTheFirstSendAndEndsTheDayBeforeTheDisposalDate() {
        RetentionSchedule june = RetentionSchedule.of(Instant.parse("2025-06-10T03:00:00Z"), RetentionClass.ONE_YEAR);

        assertThat(june.startsOn()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(june.retainedUntil()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(june.disposalDate()).isEqualTo(LocalDate.of(2027, 4, 1));
    }

    @Test
    void aPostOfMarchStartsInTheComingAprilAndOneOfAprilFirstInTheNextYearsApril() {
        assertThat(RetentionSchedule.of(Instant.parse("2026-03-30T03:00:00Z"), RetentionClass.FIVE_YEARS))
                .isEqualTo(new RetentionSchedule(LocalDate.of(2026, 4, 1), LocalDate.of(2031, 4, 1)));
        assertThat(RetentionSchedule.of(Instant.parse("2026-04-01T03:00:00Z"), RetentionClass.THREE_YEARS))
                .isEqualTo(new RetentionSchedule(LocalDate.of(2027, 4, 1), LocalDate.of(2030, 4, 1)));
    }

    @Test
    void theDayASendWasMadeIsTheCitysDayNotUtcs() {
        // 2026-03-31T15:30Z is already April 1 in Japan: the new fiscal year, so retention starts a year later
        Instant aprilFirstInTokyo = Instant.parse("2026-03-31T15:30:00Z");

        assertThat(RetentionSchedule.of(aprilFirstInTokyo, RetentionClass.TEN_YEARS).startsOn())
                .isEqualTo(LocalDate.of(2027, 4, 1));
        assertThat(RetentionSchedule.of(aprilFirstInTokyo.minus(Duration.ofHours(1)), RetentionClass.TEN_YEARS)
                .startsOn()).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void aPermanentRecordHasNoDisposalDate() {
        RetentionSchedule forever = RetentionSchedule.of(Instant.parse("2025-06-10T03:00:00Z"), RetentionClass.PERMANENT);

        assertThat(forever.disposalDate()).isNull();
        assertThat(forever.retainedUntil()).isNull();
    }

    @Test
    void aCityOverridesTheClassOfSomeCategoriesAndKeepsTheDefaultsOfTheOthers() {
        RecordsProperties city = new RecordsProperties(Map.of(PostCategory.EMERGENCY, RetentionClass.PERMANENT),
                Duration.ofMinutes(10), 500);

        assertThat(city.retentionOf(PostCategory.EMERGENCY)).isEqualTo(RetentionClass.PERMANENT);
        assertThat(city.retentionOf(PostCategory.NOTICE)).isEqualTo(RetentionClass.ONE_YEAR);
        assertThat(city.retentionOf(PostCategory.PRESS_RELEASE)).isEqualTo(RetentionClass.FIVE_YEARS);
    }

    @Test
    void aRegistrationIntervalThatIsNotPositiveIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new RecordsProperties(null, Duration.ZERO, 500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("register-every");
    }
}
