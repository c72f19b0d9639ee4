package org.kohogateway.gateway.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.staff.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The outbox as admins read it: what was sent, what waits for another attempt, what was given up and why. */
@Service
public class NotificationLog {

    private static final List<String> STATUSES = List.of("PENDING", "SENDING", "SENT", "FAILED");

    private final Outbox outbox;
    private final StaffDirectory staff;
    private final JdbcClient jdbc;

    NotificationLog(Outbox outbox, StaffDirectory staff, JdbcClient jdbc) {
        this.outbox = outbox;
        this.staff = staff;
        this.jdbc = jdbc;
    }

    /**
     * Deletes sent and given-up notifications created before {@code cutoff}; pending ones stay whatever their age.
     * The audit trail keeps each outcome.
     *
     * @return how many were deleted
     */
    @Transactional
    public int purgeFinishedBefore(Instant cutoff) {
        return jdbc.sql("delete from notification where status in ('SENT', 'FAILED') and created_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }

    /** Newest first, of this status if given. */
    public List<OutboxEntry> recent(String adminUsername, @Nullable String status, int limit) {
        if (!staff.byUsername(adminUsername).has(Role.ADMIN)) {
            throw new NotPermittedException("notification.adminOnly", "the outbox is read by admins");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("notification.badStatus", "status is one of " + STATUSES, STATUSES);
        }
        return outbox.recent(status, limit);
    }
}
