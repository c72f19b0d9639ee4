package org.kohogateway.gateway.weather;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored change of a weather warning for a configured area.
 *
 * @param status        the status as JMA wrote it (発表, 解除, 警報から特別警報…)
 * @param eventId       the report's EventID, null if it had none
 * @param sourceEntryId the feed entry (report) that carried it
 * @param recordedAt    when this gateway read it
 */
public record WeatherWarningEvent(long id, String kindCode, String kindName, String areaCode, String areaName,
        String status, WarningChange change, Instant reportedAt, @Nullable String eventId, String sourceEntryId,
        Instant recordedAt) {
}
