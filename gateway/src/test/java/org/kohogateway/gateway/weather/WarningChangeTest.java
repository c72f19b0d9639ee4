package org.kohogateway.gateway.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarningChangeTest {

    @ParameterizedTest
    @CsvSource({ "発表, ISSUED", "解除, LIFTED", "注意報から警報, UPGRADED", "警報から特別警報, UPGRADED",
            "注意報から特別警報, UPGRADED", "特別警報から警報, DOWNGRADED", "特別警報から注意報, DOWNGRADED",
            "警報から注意報, DOWNGRADED" })
    void aStatusNamesItsChange(String status, WarningChange change) {
        assertThat(WarningChange.of(status)).contains(change);
    }

    @ParameterizedTest
    @CsvSource({ "継続", "発表警報・注意報はなし", "何か新しい状況" })
    void stillInForceOrNothingOrUnknownIsNoChange(String status) {
        assertThat(WarningChange.of(status)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "大雨特別警報, EMERGENCY", "大雨警報, WARNING", "大雨注意報, ADVISORY" })
    void aKindsLevelIsInItsName(String kind, WarningLevel level) {
        assertThat(WarningLevel.of(kind)).contains(level);
        assertThat(WarningChange.previous("警報から注意報")).isEqualTo(Optional.of(WarningLevel.WARNING));
    }
}
