package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deleting a sent delivery on its platform (a correction, guideline §7-②): lock it, then record what happened. */
@Service
public class SentDeliveries {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    SentDeliveries(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A sent delivery, locked for the caller's transaction, with what is needed to delete it on the platform. */
    public record SentDelivery(UUID id, long accountId, Platform platform, String platformPostId) {
    }

    @Transactional
    public SentDelivery lockSent(UUID id) {
        var row = jdbc.sql("""
                select d.id, d.account_id, a.platform, d.status, d.platform_post_id
                from delivery d join official_account a on a.id = d.account_id
                where d.id = :id for update of d nowait
                """).param("id", id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("delivery.notFound", "no delivery " + id, id.toString()));
        String status = (String) row.get("status");
        if (!DeliveryStatus.SENT.name().equals(status) || row.get("platform_post_id") == null) {
            throw new IllegalTransitionException("delivery.notSent", "only a SENT delivery can be deleted; this one is "
                    + status, status);
        }
        return new SentDelivery(id, ((Number) row.get("account_id")).longValue(),
                Platform.valueOf((String) row.get("platform")), (String) row.get("platform_post_id"));
    }

    @Transactional
    public void deleted(SentDelivery d, String actor, String reason, Instant now) {
        jdbc.sql("update delivery set status = 'DELETED', deleted_at = :now, updated_at = :now where id = :id")
                .param("now", timestamp(now)).param("id", d.id()).update();
        audit.record(actor, "DELIVERY_DELETED_ON_PLATFORM", "DELIVERY", d.id().toString(), "SENT", "DELETED",
                Map.of("reason", reason, "platform", d.platform().name(), "platformPostId", d.platformPostId()));
    }

    @Transactional
    public void deletionRefused(SentDelivery d, String actor, String reason, String platformAnswer) {
        audit.record(actor, "DELIVERY_DELETE_FAILED", "DELIVERY", d.id().toString(), "SENT", "SENT",
                Map.of("reason", reason, "platform", d.platform().name(), "platformAnswer", platformAnswer));
    }
}
