package org.kohogateway.gateway.crisis;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An active pause.
 *
 * @param accountId the paused account, or null when everything is paused
 */
public record Pause(@Nullable Long accountId, String reason, String pausedBy, Instant pausedAt) {
}
