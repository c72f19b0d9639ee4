package org.kohogateway.gateway.crisis;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;

/**
 * Published in the transaction that pauses or resumes sending on one account ({@code accountId}) or everything
 * (null). Module listeners hear it after commit.
 *
 * @param reason             why it was paused (on resume: why it had been)
 * @param actor              who paused or resumed it ({@value Pauses#SCHEDULE} when it ended at its end time)
 * @param held               on resume: deliveries of the resumed accounts held for a decision (send now, reschedule,
 *                           cancel), none of them sent by the resume
 * @param exceptDepartmentId on pause: the department whose posts may still go out, or null
 * @param exceptCategory     on pause: the category of posts that may still go out, or null
 * @param endsAt             on pause: when it ends by itself, or null
 */
public record PauseChanged(@Nullable Long accountId, boolean paused, @Nullable String reason, String actor, int held,
        @Nullable Long exceptDepartmentId, @Nullable PostCategory exceptCategory, @Nullable Instant endsAt) {

    static PauseChanged paused(Pause pause) {
        return new PauseChanged(pause.accountId(), true, pause.reason(), pause.pausedBy(), 0,
                pause.exceptDepartmentId(), pause.exceptCategory(), pause.endsAt());
    }

    static PauseChanged resumed(@Nullable Long accountId, @Nullable String reason, String actor, int held) {
        return new PauseChanged(accountId, false, reason, actor, held, null, null, null);
    }
}
