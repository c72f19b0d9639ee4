package org.kohogateway.gateway.weather;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A weather warning changed for one of the city's configured areas, announced after the change was stored and
 * audited. Heard by the notification module (the disaster-prevention department is told) and, later, by whatever
 * drafts a post from the department's pre-approved template: this module itself never publishes anything.
 *
 * @param warningEventId  the stored change ({@code GET /api/weather/warnings})
 * @param status          the status as JMA wrote it (発表, 解除, 警報から特別警報…)
 * @param reportedAt      when JMA issued the report (ReportDateTime)
 * @param departmentCode  the department that handles weather warnings ({@code gateway.weather.department}), or null
 */
public record WeatherWarningChanged(long warningEventId, String kindCode, String kindName, String areaCode,
        String areaName, String status, WarningChange change, Instant reportedAt, @Nullable String departmentCode) {
}
