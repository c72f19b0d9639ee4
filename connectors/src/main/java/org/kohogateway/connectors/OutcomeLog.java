package org.kohogateway.connectors;

import org.slf4j.Logger;

/**
 * How a connector logs what became of a send: an {@link PublishOutcome.Unknown} at WARN, since the post may exist and
 * someone may have to reconcile it; any other outcome at DEBUG, since the gateway records it anyway.
 */
public final class OutcomeLog {

    private OutcomeLog() {
    }

    /**
     * Logs the outcome to the connector's own logger and returns it.
     *
     * @param what what was sent, for people ("X post", "LINE broadcast")
     */
    public static PublishOutcome logged(Logger log, String what, Publication publication, PublishOutcome outcome) {
        if (outcome instanceof PublishOutcome.Unknown unknown) {
            log.warn("{} {} has an unknown outcome: {}", what, publication.deliveryKey(), unknown.reason());
        } else {
            log.debug("{} {}: {}", what, publication.deliveryKey(), outcome);
        }
        return outcome;
    }
}
