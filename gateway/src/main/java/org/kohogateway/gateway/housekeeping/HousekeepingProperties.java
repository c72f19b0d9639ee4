package org.kohogateway.gateway.housekeeping;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param batchRetention       how long finished Spring Batch job executions are kept (default 90d); a failed import
 *                             older than this can no longer be restarted
 * @param idempotencyRetention how long feed items no longer in the feed, feed polls, the stored files of imports and
 *                             sent or given-up notifications are kept (default 90d)
 * @param cron                 when housekeeping runs (default 03:30 every day, Japan time); {@code -} turns it off
 */
@Validated
@ConfigurationProperties("gateway.housekeeping")
public record HousekeepingProperties(@DefaultValue("90d") @NotNull Duration batchRetention,
        @DefaultValue("90d") @NotNull Duration idempotencyRetention,
        @DefaultValue("0 30 3 * * *") @NotNull String cron) {

    public HousekeepingProperties {
        if (batchRetention != null && batchRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("gateway.housekeeping.batch-retention must be at least 1d");
        }
        if (idempotencyRetention != null && idempotencyRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("gateway.housekeeping.idempotency-retention must be at least 1d");
        }
    }
}
