package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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

    /**
     * A sent delivery whose platform holds it until its time and publishes it then by itself (a YouTube video uploaded
     * private with {@code publishAt}), with what a pause's exception asks of its post.
     */
    public record PublishedLater(SentDelivery delivery, long departmentId, PostCategory category, Instant scheduledFor) {
    }

    /** Sent deliveries on {@code platform} (of one account, or every account when null) whose time is after now. */
    @Transactional(readOnly = true)
    public List<PublishedLater> publishedLater(Platform platform, @Nullable Long accountId, Instant now) {
        return jdbc.sql("""
                select d.id, d.account_id, d.platform_post_id, d.scheduled_for, p.department_id, p.category
                from delivery d join official_account a on a.id = d.account_id join post p on p.id = d.post_id
                where d.status = 'SENT' and a.platform = :platform and d.platform_post_id is not null
                  and d.scheduled_for > :now and (cast(:account as bigint) is null or d.account_id = :account)
                order by d.scheduled_for
                """).param("platform", platform.name()).param("now", timestamp(now)).param("account", accountId)
                .query((rs, n) -> new PublishedLater(new SentDelivery(rs.getObject("id", UUID.class),
                        rs.getLong("account_id"), platform, rs.getString("platform_post_id")),
                        rs.getLong("department_id"), PostCategory.valueOf(rs.getString("category")),
                        rs.getTimestamp("scheduled_for").toInstant()))
                .list();
    }

    /** Records what holding a scheduled post back on its platform did; the delivery itself stays SENT. */
    @Transactional
    public void heldBack(SentDelivery d, String actor, boolean held, String outcome) {
        audit.record(actor, held ? "DELIVERY_HELD_BACK_ON_PLATFORM" : "DELIVERY_HOLD_BACK_FAILED", "DELIVERY",
                d.id().toString(), "SENT", "SENT", Map.of("platform", d.platform().name(),
                        "platformPostId", d.platformPostId(), "outcome", outcome));
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
