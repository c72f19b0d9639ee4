package org.kohogateway.connectors.youtube;

import java.time.Instant;
import java.util.Objects;

/** What became of a request to hold back a scheduled video before its {@code publishAt}. */
public sealed interface ScheduleChange {

    /**
     * The video is private with no time to publish: YouTube will not make it public.
     *
     * @param wasScheduledFor when YouTube would have made it public, if it was still scheduled
     */
    record Held(String videoId, Instant wasScheduledFor) implements ScheduleChange {
        public Held {
            Objects.requireNonNull(videoId, "videoId");
            Objects.requireNonNull(wasScheduledFor, "wasScheduledFor");
        }
    }

    /** The video is already public (its time came, or someone published it): too late to hold it back. */
    record AlreadyPublic(String videoId) implements ScheduleChange {
        public AlreadyPublic {
            Objects.requireNonNull(videoId, "videoId");
        }
    }

    /** The video is private and has no time to publish: nothing to hold back. */
    record NotScheduled(String videoId) implements ScheduleChange {
        public NotScheduled {
            Objects.requireNonNull(videoId, "videoId");
        }
    }

    record Failed(String reason, boolean retryable) implements ScheduleChange {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
