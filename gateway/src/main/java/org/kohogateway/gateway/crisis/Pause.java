package org.kohogateway.gateway.crisis;

import java.time.Instant;

/**
 * An active pause.
 *
 * @param accountId the paused account, or null when everything is paused
 */
public record Pause(Long accountId, String reason, String pausedBy, Instant pausedAt) {
}
