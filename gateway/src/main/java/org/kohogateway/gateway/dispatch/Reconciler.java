package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Deliveries.UncertainDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks on the platform for the posts of UNCERTAIN deliveries (recent posts of the account, matched by text and time).
 * Found: the delivery is SENT with the platform's id. Not found or not answerable: it stays UNCERTAIN for a person —
 * the gateway never re-sends it by itself, since a platform's listing may lag behind a post it did accept.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final long LOCK = 7310587;
    /** Platform clocks and our own differ a little; look from a bit before the request started. */
    private static final Duration MARGIN = Duration.ofMinutes(10);

    private final Deliveries deliveries;
    private final ConnectorRegistry connectors;
    private final JdbcClient jdbc;
    private final Clock clock;

    Reconciler(Deliveries deliveries, ConnectorRegistry connectors, JdbcClient jdbc, Clock clock) {
        this.deliveries = deliveries;
        this.connectors = connectors;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One round over the uncertain deliveries; one instance at a time. @return how many were found sent */
    @Scheduled(fixedDelayString = "${gateway.dispatch.reconcile-every:1m}", initialDelayString = "30s")
    @Transactional
    public int reconcile() {
        if (!jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", LOCK).query(Boolean.class).single()) {
            return 0;
        }
        int found = 0;
        List<UncertainDelivery> uncertain = deliveries.uncertain(50);
        for (UncertainDelivery d : uncertain) {
            FindOutcome outcome;
            try {
                outcome = connectors.forAccount(d.accountId(), d.platform()).findRecent(d.text(),
                        d.startedAt().minus(MARGIN), Set.of());
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
                case FindOutcome.Ambiguous a -> deliveries.lookedUp(d, "more than one post matches: " + a.candidateIds(),
                        clock.instant());
                case FindOutcome.Failed f -> log.info("look-up of delivery {} failed: {}", d.id(), f.reason());
            }
        }
        return found;
    }
}
