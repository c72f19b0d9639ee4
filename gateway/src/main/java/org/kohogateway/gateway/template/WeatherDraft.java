package org.kohogateway.gateway.template;

import java.time.Instant;
import java.util.UUID;

import org.kohogateway.gateway.weather.WarningChange;

/**
 * A post a weather warning drafted from a template, with the warning that caused it.
 *
 * @param reportedAt when JMA issued the report of the warning
 * @param createdAt  when the draft was made
 */
public record WeatherDraft(UUID postId, long templateId, int templateVersion, String templateName, String kindName,
        String areaName, WarningChange change, Instant reportedAt, Instant createdAt) {
}
