package org.kohogateway.gateway.crisis;

import org.jspecify.annotations.Nullable;

/**
 * Published in the transaction that pauses or resumes sending on one account ({@code accountId}) or everything
 * (null). Module listeners hear it after commit.
 *
 * @param reason         why it was paused (null on resume)
 * @param heldForNewTime on resume: deliveries whose time passed during the pause, now held for a new time
 */
public record PauseChanged(@Nullable Long accountId, boolean paused, @Nullable String reason, String actor,
        int heldForNewTime) {
}
