package org.kohogateway.gateway.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.notification.Notification.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification outbox. Rows are written in the transaction of the change they tell about; a worker claims due
 * rows with {@code FOR UPDATE SKIP LOCKED} and a lease (so instances never take the same row, and a dead instance's
 * rows are taken over when the lease ends), sends outside any transaction, then records the outcome.
 */
@Repository
class Outbox {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    Outbox(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    void addEmail(UUID eventId, NotificationKind kind, long staffId, String email, String body, Instant now) {
        insert(eventId, kind, Channel.EMAIL, staffId, email, null, body, now);
    }

    void addWebhook(UUID eventId, NotificationKind kind, long webhookId, String body, Instant now) {
        insert(eventId, kind, Channel.WEBHOOK, null, null, webhookId, body, now);
    }

    private void insert(UUID eventId, NotificationKind kind, Channel channel, Long staffId, String email,
            Long webhookId, String body, Instant now) {
        jdbc.sql("""
                insert into notification (id, event_id, kind, channel, staff_id, email, webhook_id, body, status,
                    next_attempt_at, created_at)
                values (:id, :event, :kind, :channel, :staff, :email, :webhook, :body, 'PENDING', :now, :now)
                """)
                .param("id", UUID.randomUUID()).param("event", eventId).param("kind", kind.name())
                .param("channel", channel.name()).param("staff", staffId).param("email", email)
                .param("webhook", webhookId).param("body", body).param("now", Timestamp.from(now))
                .update();
    }

    /** Claims up to {@code limit} due rows, and rows whose worker's lease ran out, for this worker. */
    @Transactional
    List<Notification> claim(Instant now, int limit, String worker, Duration lease) {
        return jdbc.sql("""
                with due as (
                    select id from notification
                    where (status = 'PENDING' and next_attempt_at <= :now)
                       or (status = 'SENDING' and lease_until < :now)
                    order by next_attempt_at
                    limit :limit
                    for update skip locked
                ), claimed as (
                    update notification n set status = 'SENDING', attempts = n.attempts + 1, claimed_by = :worker,
                        lease_until = :leaseUntil
                    from due where n.id = due.id
                    returning n.*
                )
                select c.id, c.event_id, c.kind, c.channel, s.username, c.email, c.webhook_id, c.body, c.attempts
                from claimed c left join staff s on s.id = c.staff_id
                """)
                .param("now", Timestamp.from(now)).param("limit", limit).param("worker", worker)
                .param("leaseUntil", Timestamp.from(now.plus(lease)))
                .query(Outbox::claimed)
                .list();
    }

    @Transactional
    void sent(Notification n, String worker, Instant now) {
        if (finish(n, worker, "SENT", null, null, now)) {
            audit.record(AuditTrail.SYSTEM, "NOTIFICATION_SENT", "NOTIFICATION", n.id().toString(), "SENDING", "SENT",
                    detail(n, null));
        }
    }

    @Transactional
    void retryLater(Notification n, String worker, Instant at, String error, Instant now) {
        if (finish(n, worker, "PENDING", at, error, now)) {
            Map<String, Object> detail = detail(n, error);
            detail.put("retryAt", at.toString());
            audit.record(AuditTrail.SYSTEM, "NOTIFICATION_RETRY_SCHEDULED", "NOTIFICATION", n.id().toString(),
                    "SENDING", "PENDING", detail);
        }
    }

    @Transactional
    void failed(Notification n, String worker, String error, Instant now) {
        if (finish(n, worker, "FAILED", null, error, now)) {
            audit.record(AuditTrail.SYSTEM, "NOTIFICATION_FAILED", "NOTIFICATION", n.id().toString(), "SENDING",
                    "FAILED", detail(n, error));
        }
    }

    /** Conditional on still holding the claim: a worker whose lease was taken over records nothing. */
    private boolean finish(Notification n, String worker, String status, @Nullable Instant nextAttempt, String error,
            Instant now) {
        return jdbc.sql("""
                update notification set status = :status, last_error = :error, claimed_by = null, lease_until = null,
                    next_attempt_at = coalesce(:next, next_attempt_at),
                    sent_at = case when cast(:status as text) = 'SENT' then cast(:now as timestamptz) end
                where id = :id and status = 'SENDING' and claimed_by = :worker
                """)
                .param("status", status).param("error", error)
                .param("next", nextAttempt == null ? null : Timestamp.from(nextAttempt))
                .param("now", Timestamp.from(now)).param("id", n.id()).param("worker", worker)
                .update() == 1;
    }

    private static Map<String, Object> detail(Notification n, @Nullable String error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("event", n.eventId().toString());
        detail.put("kind", n.kind().name());
        detail.put("channel", n.channel().name());
        detail.put("receiver", n.receiver());
        detail.put("attempt", n.attempt());
        if (error != null) {
            detail.put("error", error);
        }
        return detail;
    }

    /** Newest first, of this status if given. */
    @Transactional(readOnly = true)
    List<OutboxEntry> recent(@Nullable String status, int limit) {
        return jdbc.sql("""
                select n.*, s.username from notification n left join staff s on s.id = n.staff_id
                where (cast(:status as text) is null or n.status = :status)
                order by n.created_at desc, n.id
                limit :limit
                """)
                .param("status", status).param("limit", limit)
                .query((rs, i) -> {
                    String channel = rs.getString("channel");
                    return new OutboxEntry(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                            NotificationKind.valueOf(rs.getString("kind")), channel,
                            Channel.EMAIL.name().equals(channel) ? "staff:" + rs.getString("username")
                                    : "webhook:" + rs.getLong("webhook_id"),
                            rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                            instant(rs, "created_at"), instant(rs, "next_attempt_at"), instant(rs, "sent_at"));
                })
                .list();
    }

    private static Notification claimed(ResultSet rs, int row) throws SQLException {
        long webhook = rs.getLong("webhook_id");
        Long webhookId = rs.wasNull() ? null : webhook;
        return new Notification(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                NotificationKind.valueOf(rs.getString("kind")), Channel.valueOf(rs.getString("channel")),
                rs.getString("username"), rs.getString("email"), webhookId, rs.getString("body"),
                rs.getInt("attempts"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
