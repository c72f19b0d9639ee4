package org.kohogateway.connectors;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What became of one publish call. */
public sealed interface PublishOutcome {

    /** What the outcome says about the account itself, if anything: only a refusal or a wait may say something. */
    default Optional<AccountTrouble> trouble() {
        return Optional.empty();
    }

    /**
     * Told to stop between requests (the account was paused meanwhile): the post was not made, so a later attempt
     * may make it.
     *
     * @param where which request was not sent, for people
     */
    static Transient stoppedByPause(String where) {
        return new Transient("stopped " + where + ": sending from this account was paused; nothing was published",
                Optional.empty());
    }

    /**
     * The approved bytes of an image could not be read before anything was sent: for good when they are not stored
     * at all ({@link MediaItem.Unavailable}), otherwise a later attempt may read them.
     *
     * @param position the image's position in the publication, from 1
     */
    static PublishOutcome imageUnreadable(int position, IOException failure) {
        String reason = "could not read the approved bytes of image " + position + ": " + failure.getMessage()
                + "; nothing was published";
        return failure instanceof MediaItem.Unavailable ? new Permanent(reason) : new Transient(reason, Optional.empty());
    }

    /**
     * What a refusal says about the account itself rather than the post, for people to see which channel is failing
     * and why (a refusal of the post — a duplicate, a validation error — says nothing about the account).
     */
    enum AccountTrouble {
        /** The credentials were rejected: a token revoked or expired. */
        CREDENTIALS,
        /** The platform suspended the account. */
        SUSPENDED,
        /** The platform locked or temporarily blocked the account. */
        LOCKED,
        /** Too many requests for now: the platform's short rate limit. */
        RATE_LIMITED,
        /** The account's sending quota is used up: X's 24-hour cap, LINE's month, Instagram's 24 hours. */
        QUOTA_EXHAUSTED
    }

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
     * @param trouble    what the refusal says about the account, if anything (a rate limit, a quota used up)
     */
    record Transient(String reason, Optional<Duration> retryAfter, Optional<AccountTrouble> trouble)
            implements PublishOutcome {
        public Transient {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(trouble, "trouble");
        }

        /** Nothing said about the account. */
        public Transient(String reason, Optional<Duration> retryAfter) {
            this(reason, retryAfter, Optional.empty());
        }
    }

    /**
     * The platform refused the post and repeating it will not help (credentials, duplicates, validation).
     *
     * @param trouble what the refusal says about the account, if anything (credentials, suspended, locked)
     */
    record Permanent(String reason, Optional<AccountTrouble> trouble) implements PublishOutcome {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(trouble, "trouble");
        }

        /** Nothing said about the account. */
        public Permanent(String reason) {
            this(reason, Optional.empty());
        }
    }

    /** The request may have reached the platform but no answer came back: the post may or may not exist. */
    record Unknown(String reason) implements PublishOutcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
