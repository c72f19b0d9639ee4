package org.kohogateway.gateway.importing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param chunkSize          rows per transaction of an import job (default 100): a restart after a failure repeats at
 *                           most this many rows' work, never a row that was committed
 * @param maxAtOncePerPerson imports one person may have checked or running at once on an instance (default 2); one
 *                           more is refused with 429 until one ends
 * @param maxAtOnce          imports an instance checks or runs at once, everyone's together (default 8)
 * @param workers            threads an instance gives to importing rows, all imports sharing them (default 4); one
 *                           import's rows are split into at most this many parts, and imports never hold more database
 *                           connections than this at once
 */
@Validated
@ConfigurationProperties("gateway.imports")
public record ImportProperties(@DefaultValue("100") @Min(1) @Max(10_000) int chunkSize,
        @DefaultValue("2") @Min(1) @Max(100) int maxAtOncePerPerson,
        @DefaultValue("8") @Min(1) @Max(1000) int maxAtOnce,
        @DefaultValue("4") @Min(1) @Max(64) int workers) {
}
