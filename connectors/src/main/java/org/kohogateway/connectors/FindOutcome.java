package org.kohogateway.connectors;

import java.util.List;
import java.util.Objects;

/**
 * What a look-up for a recent post on the platform found, for reconciling a delivery whose publish
 * outcome was {@link PublishOutcome.Unknown} (see {@link PlatformConnector#findRecent}).
 */
public sealed interface FindOutcome {

    /** Exactly one post with the publication's text exists: the delivery went out, and this is its id. */
    record Found(String platformPostId) implements FindOutcome {
        public Found {
            Objects.requireNonNull(platformPostId, "platformPostId");
        }
    }

    /**
     * More than one post since the given time has the publication's text (and none of them is recorded for
     * another delivery): adopting any one of them could claim another post, so a person has to choose.
     *
     * @param candidateIds the matching posts' ids, newest first as the platform listed them
     */
    record Ambiguous(List<String> candidateIds) implements FindOutcome {
        public Ambiguous {
            candidateIds = List.copyOf(candidateIds);
            if (candidateIds.size() < 2) {
                throw new IllegalArgumentException("ambiguous needs at least two candidates: " + candidateIds);
            }
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
