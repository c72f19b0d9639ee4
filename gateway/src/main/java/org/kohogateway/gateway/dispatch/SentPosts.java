package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.gateway.post.SentDeliveries.SentDelivery;
import org.kohogateway.gateway.post.SentDeliveries;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting a sent post on its platform (guideline §7-①: errors are admitted and corrected at once), where the
 * platform allows it. Every attempt is audited, including refusals.
 */
@Service
public class SentPosts {

    private final SentDeliveries deliveries;
    private final ConnectorRegistry connectors;
    private final StaffDirectory staff;
    private final Clock clock;

    SentPosts(SentDeliveries deliveries, ConnectorRegistry connectors, StaffDirectory staff, Clock clock) {
        this.deliveries = deliveries;
        this.connectors = connectors;
        this.staff = staff;
        this.clock = clock;
    }

    // holds the delivery's row lock across the platform call, so two people cannot delete the same post at once; the
    // lock is taken with NOWAIT, so the second is told at once (busy, 503) instead of waiting on the platform, and no
    // one else waits for a SENT delivery's row
    @Transactional(noRollbackFor = ConflictException.class)
    public void delete(String username, UUID deliveryId, @Nullable String reason) {
        Staff actor = staff.byUsername(username);
        if (!actor.handlesEveryAccount()) {
            throw new NotPermittedException("delivery.deleteNotPermitted",
                    "deleting a sent post needs the ADMIN or PR_OFFICER role");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("crisis.reasonRequired", "a deletion needs a reason");
        }
        SentDelivery sent = deliveries.lockSent(deliveryId);
        DeleteOutcome outcome;
        try {
            outcome = connectors.forAccount(sent.accountId(), sent.platform()).delete(sent.platformPostId());
        } catch (ConnectorRegistry.ConnectorUnavailableException e) {
            outcome = new DeleteOutcome.Failed(e.getMessage(), false);
        }
        switch (outcome) {
            case DeleteOutcome.Deleted d -> deliveries.deleted(sent, actor.username(), reason.strip(), clock.instant());
            case DeleteOutcome.NotSupported n -> {
                deliveries.deletionRefused(sent, actor.username(), reason.strip(), n.reason());
                throw new ConflictException("delivery.deleteNotSupported", n.reason(), sent.platform().name());
            }
            case DeleteOutcome.Failed f -> {
                deliveries.deletionRefused(sent, actor.username(), reason.strip(), f.reason());
                throw new ConflictException("delivery.deleteFailed", "the platform did not delete it: " + f.reason(),
                        f.reason());
            }
        }
    }
}
