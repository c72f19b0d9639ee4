package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person settles a delivery whose outcome is unknown (a platform without idempotency answered nothing): after
 * looking on the platform, they either record it as sent with the post's address, or send it again. The gateway
 * itself never re-sends such a delivery.
 */
@Service
public class UncertainDeliveries {

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final Clock clock;

    UncertainDeliveries(JdbcClient jdbc, StaffDirectory staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param foundOnPlatform true: the post is on the platform ({@code platformReference} is its id or URL);
     *                        false: it is not, so it is sent again now
     */
    @Transactional
    public void resolve(String username, UUID deliveryId, boolean foundOnPlatform, @Nullable String platformReference,
            @Nullable String reason) {
        Staff actor = staff.byUsername(username);
        if (!actor.handlesEveryAccount()) {
            throw new NotPermittedException("delivery.resolveNotPermitted",
                    "settling an uncertain delivery needs the ADMIN or PR_OFFICER role");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("crisis.reasonRequired", "say how it was checked");
        }
        if (foundOnPlatform && (platformReference == null || platformReference.isBlank())) {
            throw new InvalidRequestException("delivery.referenceRequired",
                    "give the post's id or address on the platform");
        }
        String status = jdbc.sql("select status from delivery where id = :id for update").param("id", deliveryId)
                .query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("delivery.notFound", "no delivery " + deliveryId,
                        deliveryId.toString()));
        if (!DeliveryStatus.UNCERTAIN.name().equals(status)) {
            throw new IllegalTransitionException("delivery.notUncertain",
                    "only an UNCERTAIN delivery can be settled; this one is " + status, status);
        }
        Instant now = clock.instant();
        DeliveryStatus next = foundOnPlatform ? DeliveryStatus.SENT : DeliveryStatus.SCHEDULED;
        jdbc.sql("""
                update delivery set status = :status, platform_post_id = :reference,
                    sent_at = case when cast(:status as text) = 'SENT' then cast(:now as timestamptz) end,
                    due_at = case when cast(:status as text) = 'SCHEDULED' then cast(:now as timestamptz) end,
                    updated_at = :now
                where id = :id
                """)
                .param("status", next.name())
                .param("reference", foundOnPlatform ? platformReference.strip() : null)
                .param("now", timestamp(now))
                .param("id", deliveryId)
                .update();
        audit.record(actor.username(), foundOnPlatform ? "DELIVERY_CONFIRMED_SENT" : "DELIVERY_RESEND_DECIDED",
                "DELIVERY", deliveryId.toString(), DeliveryStatus.UNCERTAIN.name(), next.name(),
                foundOnPlatform ? Map.of("reason", reason.strip(), "platformReference", platformReference.strip())
                        : Map.of("reason", reason.strip()));
    }
}
