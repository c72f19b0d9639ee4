package org.kohogateway.gateway.audit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The connection budget of CSV exports and the audit chain check, apart from the pool claims and pauses use.
 *
 * @param maxConnections exports and chain checks running at once, each on a connection of a pool of this size of
 *                       their own (default 2)
 * @param waitFor        how long one more waits for a running one to finish before it is refused with 503 (default
 *                       2s)
 */
@Validated
@ConfigurationProperties("gateway.export")
record ExportProperties(
        @DefaultValue("2") @Min(1) @Max(20) int maxConnections,
        @DefaultValue("2s") @NotNull Duration waitFor) {
}
