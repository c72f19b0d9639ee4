package org.kohogateway.gateway.post;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param officialDomains domains of the city's own publications; a PR direct post must cite a source on one
 *                        of them or a subdomain (default: city.gotsu.lg.jp)
 * @param maxTargets      most accounts one post may target (default 20)
 */
@Validated
@ConfigurationProperties("gateway.posting")
public record PostingProperties(
        @DefaultValue("city.gotsu.lg.jp") @NotEmpty List<String> officialDomains,
        @DefaultValue("20") @Min(1) @Max(100) int maxTargets) {
}
