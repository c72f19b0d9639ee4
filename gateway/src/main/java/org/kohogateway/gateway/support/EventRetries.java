package org.kohogateway.gateway.support;

import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tries failed module reactions again: a notification that could not be written because the database was briefly
 * away, or one whose instance died half-way (marked FAILED by the registry's staleness check). One instance at a
 * time, so two instances never run the same reaction twice over.
 */
@Component
class EventRetries {

    private static final long LOCK = 0x6b67_6576_656e_7473L;

    private final FailedEventPublications failed;
    private final OneInstance oneInstance;
    private final EventProperties properties;

    EventRetries(FailedEventPublications failed, OneInstance oneInstance, EventProperties properties) {
        this.failed = failed;
        this.oneInstance = oneInstance;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${gateway.events.retry-every:1m}", initialDelayString = "${gateway.events.retry-every:1m}")
    void retryFailed() {
        oneInstance.run(LOCK, () -> failed.resubmit(ResubmissionOptions.defaults()
                .withMinAge(properties.retryEvery())
                .withFilter(publication -> publication.getCompletionAttempts() < properties.maxAttempts())));
    }
}
