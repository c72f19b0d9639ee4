package org.kohogateway.connectors;

import java.util.Objects;

/**
 * What a look-up for a recent post on the platform found, for reconciling a delivery whose publish
 * outcome was {@link PublishOutcome.Unknown} (see {@link PlatformConnector#findRecent}).
 */
public sealed interface FindOutcome {

    /** A post with the publication's text exists: the delivery went out, and this is its id. */
    record Found(String platformPostId) implements FindOutcome {
        public Found {
            Objects.requireNonNull(platformPostId, "platformPostId");
        }
    }

    /** The account's posts since the given time were all read and none has the publication's text. */
    record NotFound() implements FindOutcome {
    }

    /** This platform or connector cannot look posts up; a person has to check. */
    record Unsupported(String reason) implements FindOutcome {
        public Unsupported {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The look-up itself failed (refused, no answer, unreadable, too many posts to be sure): nothing is known. */
    record Failed(String reason) implements FindOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
