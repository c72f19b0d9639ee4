package org.kohogateway.connectors;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What became of one publish call. */
public sealed interface PublishOutcome {

    /** The post exists on the platform. */
    record Published(String platformPostId) implements PublishOutcome {
        public Published {
            Objects.requireNonNull(platformPostId, "platformPostId");
        }
    }

    /**
     * The platform certainly did not take the post and a later attempt may succeed (rate limits, a connection
     * that was never made, a step before anything is public). A 5xx or lost answer to a request that creates a
     * post is {@link Unknown}, not this, unless the platform de-duplicates repeats (LINE).
     *
     * @param retryAfter the platform's own hint of when to try again, if it gave one
     */
    record Transient(String reason, Optional<Duration> retryAfter) implements PublishOutcome {
        public Transient {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** The platform refused the post and repeating it will not help (credentials, duplicates, validation). */
    record Permanent(String reason) implements PublishOutcome {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The request may have reached the platform but no answer came back: the post may or may not exist. */
    record Unknown(String reason) implements PublishOutcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
