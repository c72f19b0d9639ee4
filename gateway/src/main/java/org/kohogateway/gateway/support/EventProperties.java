package org.kohogateway.gateway.support;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retrying the after-commit reactions of other modules (notifications, connector-cache eviction) that failed.
 *
 * @param retryEvery  how often one instance looks for failed reactions (default 1m); also the least time a failed
 *                    one waits before it is tried again
 * @param maxAttempts how many times a reaction is tried in all (default 5); one that still fails stays in
 *                    {@code event_publication} with status FAILED, and the log says why
 */
@Validated
@ConfigurationProperties("gateway.events")
public record EventProperties(
        @DefaultValue("1m") @NotNull Duration retryEvery,
        @DefaultValue("5") @Min(1) int maxAttempts) {
}
