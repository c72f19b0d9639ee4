package org.kohogateway.connectors.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.PublishOutcome;

/** What became of one Graph API call: its value, or a failure already classified. */
public sealed interface GraphResult<T> {

    record Ok<T>(T value) implements GraphResult<T> {
    }

    /**
     * @param kind       what the caller may do about it
     * @param reason     for people: status, Graph error code and message; never the access token
     * @param retryAfter the platform's hint of when to try again, if it gave one
     * @param trouble    what the answer says about the account itself (token, block, limits), if anything
     */
    record Failed<T>(Kind kind, String reason, Optional<Duration> retryAfter,
            Optional<PublishOutcome.AccountTrouble> trouble) implements GraphResult<T> {

        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(trouble, "trouble");
        }

        /** A failure that says nothing about the account. */
        public Failed(Kind kind, String reason, Optional<Duration> retryAfter) {
            this(kind, reason, retryAfter, Optional.empty());
        }

        /** The same failure, typed for another call's result. */
        @SuppressWarnings("unchecked")
        public <U> Failed<U> cast() {
            return (Failed<U>) this;
        }

        public PublishOutcome toPublishOutcome() {
            return switch (kind) {
                case TRANSIENT -> new PublishOutcome.Transient(reason, retryAfter, trouble);
                case PERMANENT -> new PublishOutcome.Permanent(reason, trouble);
                case UNKNOWN -> new PublishOutcome.Unknown(reason);
            };
        }

        /**
         * The outcome of a failed request that cannot make anything public (an unpublished photo, an Instagram
         * container): an ambiguous answer there only means a later attempt should start again.
         *
         * @param step            what was being done, for people
         * @param whyNothingShows why an unanswered request of this kind leaves nothing public
         */
        public PublishOutcome beforeThePost(String step, String whyNothingShows) {
            String described = reason + " (while " + step + ")";
            return switch (kind) {
                case PERMANENT -> new PublishOutcome.Permanent(described, trouble);
                case TRANSIENT -> new PublishOutcome.Transient(described, retryAfter, trouble);
                case UNKNOWN -> new PublishOutcome.Transient(described + "; nothing was published: " + whyNothingShows,
                        retryAfter);
            };
        }

        /** Deleting is idempotent, so anything but a refusal may be tried again. */
        public DeleteOutcome toDeleteOutcome() {
            return new DeleteOutcome.Failed(reason, kind != Kind.PERMANENT);
        }

        public ProfileReading toProfileReading() {
            return new ProfileReading.Failed(reason);
        }
    }

    enum Kind {
        /** The platform certainly did not act on the request; a later attempt may succeed. */
        TRANSIENT,
        /** The platform refused the request; repeating it will not help. */
        PERMANENT,
        /** The request may have reached the platform and no readable answer came back. */
        UNKNOWN
    }
}
