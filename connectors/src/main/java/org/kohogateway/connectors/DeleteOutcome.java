package org.kohogateway.connectors;

import java.util.Objects;

/** What became of a request to delete a published post. */
public sealed interface DeleteOutcome {

    record Deleted() implements DeleteOutcome {
    }

    /** The platform offers no way to delete this kind of post (a LINE broadcast cannot be recalled). */
    record NotSupported(String reason) implements DeleteOutcome {
        public NotSupported {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Failed(String reason, boolean retryable) implements DeleteOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
