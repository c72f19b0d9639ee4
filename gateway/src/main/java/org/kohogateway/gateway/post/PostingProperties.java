package org.kohogateway.gateway.post;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxTargets most accounts one post may target (default 20)
 */
@Validated
@ConfigurationProperties("gateway.posting")
public record PostingProperties(
        @DefaultValue("20") @Min(1) @Max(100) int maxTargets) {
}
