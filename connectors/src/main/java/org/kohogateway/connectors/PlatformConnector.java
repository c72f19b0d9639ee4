package org.kohogateway.connectors;

import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One official account on one platform, reached through that platform's real API.
 *
 * <p>Implementations never throw for platform or network trouble: every call returns an outcome
 * that tells the caller whether the post exists, may be retried, must not be retried, or is unknown.
 * An instance is bound to one account's credentials and is safe for concurrent use.
 */
public interface PlatformConnector {

    Platform platform();

    /**
     * Whether the platform de-duplicates a repeated publish carrying the same
     * {@link Publication#deliveryKey()} (LINE's {@code X-Line-Retry-Key}). Only then may a send whose
     * outcome is unknown be repeated; on every other platform it must be reconciled instead.
     */
    boolean deduplicatesRetries();

    /** Publishes with nothing asked between the platform's requests: {@link #publish(Publication, BooleanSupplier)}. */
    default PublishOutcome publish(Publication publication) {
        return publish(publication, () -> true);
    }

    /**
     * Publishes where the platform needs several requests (Instagram: quota, container, status, publish), asking
     * {@code mayContinue} before each request after the first: when it answers false (the account was paused
     * meanwhile) nothing more is sent and the outcome says nothing was published. One-request platforms ignore it.
     */
    PublishOutcome publish(Publication publication, BooleanSupplier mayContinue);

    DeleteOutcome delete(String platformPostId);

    ProfileReading readProfile();

    /**
     * Looks on the platform for a post of this account, made at or after {@code since}, whose text is
     * {@code text} as the platform shows it (see {@link PostText}): how a delivery whose publish outcome was
     * {@link PublishOutcome.Unknown} is reconciled before a person has to decide. Never throws.
     *
     * <p>{@code since} should be a little before the attempt's start, to allow for clock differences; a post
     * whose platform time is before it, or cannot be read, is never adopted. A {@link FindOutcome.NotFound} is
     * only answered when every post since then has been read, and a {@link FindOutcome.Found} only when
     * exactly one post matches: two or more are {@link FindOutcome.Ambiguous}.
     *
     * @param text            the publication's text ({@link Publication#text()}); links the connector appended
     *                        to it may follow it on the platform
     * @param excludedPostIds ids of posts already recorded for other deliveries: never returned, since the
     *                        same text may have been published on purpose more than once
     * @return {@link FindOutcome.Unsupported} unless the connector can look posts up
     */
    default FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        return new FindOutcome.Unsupported("the " + platform() + " connector cannot look up recent posts");
    }
}
