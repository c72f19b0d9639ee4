package org.kohogateway.connectors;

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

    PublishOutcome publish(Publication publication);

    DeleteOutcome delete(String platformPostId);

    ProfileReading readProfile();
}
