package org.kohogateway.gateway.post;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxTargets             most accounts one post may target (default 20)
 * @param nearDuplicateWindow    how far apart in time two posts to the same account count as a repeat (default 24
 *                               hours; 0 turns the check off): platforms suspend accounts that post the same
 *                               text again and again
 * @param nearDuplicateSimilarity from 0 to 1, how alike two texts must be to count as the same (default 0.9: one
 *                               edit in ten characters)
 */
@Validated
@ConfigurationProperties("gateway.posting")
public record PostingProperties(
        @DefaultValue("20") @Min(1) @Max(100) int maxTargets,
        @DefaultValue("24h") @NotNull Duration nearDuplicateWindow,
        @DefaultValue("0.9") @DecimalMin("0.5") @DecimalMax("1.0") double nearDuplicateSimilarity) {
}
