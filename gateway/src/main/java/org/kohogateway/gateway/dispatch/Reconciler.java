package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.post.Reconciliation.UncertainDelivery;
import org.kohogateway.gateway.post.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.kohogateway.gateway.support.OneInstance;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks on the platform for the posts of UNCERTAIN deliveries (recent posts of the account, matched by text and time).
 * Found: the delivery is SENT with the platform's id. Not found or not answerable: it stays UNCERTAIN for a person —
 * the gateway never re-sends it by itself, since a platform's listing may lag behind a post it did accept.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final long LOCK = 7310587;
    /**
     * Platform clocks and our own (kept on NTP) differ a little: a post counts if the platform dates it at most this
     * long before the first attempt started. Not more: an older post with the same text is another delivery's.
     */
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final Reconciliation deliveries;
    private final ConnectorRegistry connectors;
    private final OneInstance oneInstance;
    private final Clock clock;
    private final Pauses pauses;

    Reconciler(Reconciliation deliveries, ConnectorRegistry connectors, OneInstance oneInstance, Clock clock,
            Pauses pauses) {
        this.pauses = pauses;
        this.deliveries = deliveries;
        this.connectors = connectors;
        this.oneInstance = oneInstance;
        this.clock = clock;
    }

    /**
     * One round over the uncertain deliveries; one instance at a time. No transaction spans the round: each look-up
     * is a platform call, and each finding is recorded in a short transaction of its own.
     *
     * @return how many were found sent
     */
    @Scheduled(fixedDelayString = "${gateway.dispatch.reconcile-every:1m}", initialDelayString = "30s")
    public int reconcile() {
        int[] found = { 0 };
        oneInstance.run(LOCK, () -> found[0] = round());
        return found[0];
    }

    private int round() {
        int found = 0;
        List<UncertainDelivery> uncertain = deliveries.uncertain(50);
        for (UncertainDelivery d : uncertain) {
            // a round's look-ups follow one another for seconds: a pause that came meanwhile stops the rest of them
            if (pauses.stopsEveryRequestTo(d.accountId())) {
                continue;
            }
            FindOutcome outcome;
            Instant since = d.startedAt().minus(SKEW);
            try {
                // posts already recorded for deliveries (this round's findings included) are never taken again
                Set<String> recorded = deliveries.recordedPostIds(d.accountId(), since.minus(Duration.ofHours(1)));
                outcome = connectors.forAccount(d.accountId(), d.platform()).findRecent(d.text(), since, recorded);
            } catch (ConnectorRegistry.ConnectorUnavailableException e) {
                outcome = new FindOutcome.Failed(e.getMessage());
            }
            switch (outcome) {
                case FindOutcome.Found f -> {
                    deliveries.reconciled(d, f.platformPostId(), clock.instant());
                    found++;
                }
                case FindOutcome.NotFound n -> deliveries.lookedUp(d, "not found among the account's recent posts",
                        clock.instant());
                case FindOutcome.Unsupported u -> deliveries.lookedUp(d, "cannot be looked up: " + u.reason(),
                        clock.instant());
                case FindOutcome.Ambiguous a -> deliveries.lookedUp(d, "more than one post matches " + a.candidateIds()
                        + ": a person must check which one, if any, is this delivery's",
                        clock.instant());
                case FindOutcome.Failed f -> log.info("look-up of delivery {} failed: {}", d.id(), f.reason());
            }
        }
        return found;
    }
}
