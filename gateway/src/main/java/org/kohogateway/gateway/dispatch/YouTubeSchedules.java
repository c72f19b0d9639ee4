package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.youtube.ScheduleChange;
import org.kohogateway.connectors.youtube.YouTubeConnector;
import org.kohogateway.gateway.crisis.Pause;
import org.kohogateway.gateway.crisis.PlatformSchedules;
import org.kohogateway.gateway.post.SentDeliveries;
import org.kohogateway.gateway.post.SentDeliveries.PublishedLater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A pause reaches the YouTube videos already uploaded for a time still ahead: YouTube would make each public at its
 * {@code publishAt} whatever the gateway does, so each the pause covers is set back to private without a time
 * ({@link YouTubeConnector#holdBack}). Each result is audited on its delivery and listed in the pause's report; the
 * delivery stays SENT (the video exists, private), for a person to publish or delete once the pause is over.
 */
@Component
class YouTubeSchedules implements PlatformSchedules {

    private static final Logger log = LoggerFactory.getLogger(YouTubeSchedules.class);

    private final SentDeliveries sent;
    private final ConnectorRegistry connectors;
    private final Clock clock;

    YouTubeSchedules(SentDeliveries sent, ConnectorRegistry connectors, Clock clock) {
        this.sent = sent;
        this.connectors = connectors;
        this.clock = clock;
    }

    @Override
    public List<HeldBack> holdBack(Pause pause, String actor) {
        List<HeldBack> results = new ArrayList<>();
        for (PublishedLater later : sent.publishedLater(Platform.YOUTUBE, pause.accountId(), clock.instant())) {
            if (!pause.stops(later.departmentId(), later.category())) {
                continue;
            }
            SentDeliveries.SentDelivery d = later.delivery();
            ScheduleChange change = holdBack(d);
            boolean held = change instanceof ScheduleChange.Held || change instanceof ScheduleChange.NotScheduled;
            String outcome = switch (change) {
                case ScheduleChange.Held h -> "private, no longer scheduled for " + h.wasScheduledFor();
                case ScheduleChange.NotScheduled n -> "already private without a time to publish";
                case ScheduleChange.AlreadyPublic p -> "already public: too late to hold it back";
                case ScheduleChange.Failed f -> "YouTube did not hold it back: " + f.reason();
            };
            if (!held) {
                log.warn("YouTube video {} of delivery {} was not held back by the pause: {}", d.platformPostId(),
                        d.id(), outcome);
            }
            sent.heldBack(d, actor, held, outcome);
            results.add(new HeldBack(d.id(), d.accountId(), d.platformPostId(), held, outcome));
        }
        return results;
    }

    private ScheduleChange holdBack(SentDeliveries.SentDelivery d) {
        try {
            PlatformConnector connector = connectors.forAccount(d.accountId(), Platform.YOUTUBE);
            if (connector instanceof YouTubeConnector youtube) {
                return youtube.holdBack(d.platformPostId());
            }
            return new ScheduleChange.Failed("the account's connector cannot hold videos back", false);
        } catch (ConnectorRegistry.ConnectorUnavailableException e) {
            return new ScheduleChange.Failed(e.getMessage(), false);
        }
    }
}
