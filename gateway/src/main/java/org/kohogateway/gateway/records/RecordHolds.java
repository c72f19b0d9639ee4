package org.kohogateway.gateway.records;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal hold (訴訟ホールド; a disclosure request or an inquiry under way): a held record is never disposed of, whatever
 * its disposal date, until an auditor or admin lifts the hold. Placing and lifting take the record's row lock, as a
 * disposal approval does, so a hold placed while a list is being approved either lands first and keeps the record, or
 * waits and finds it disposed.
 */
@Service
public class RecordHolds {

    public static final int MAX_REASON = 2_000;

    private final RecordRegistry registry;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    RecordHolds(RecordRegistry registry, JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public PostRecord place(Staff me, PostId id, String reason) {
        PostRecord record = lockedFor(me, id);
        String why = reason(reason);
        if (record.disposed()) {
            throw new IllegalTransitionException("records.alreadyDisposed",
                    "the record's images were disposed of on " + record.disposedAt() + "; nothing is left to hold",
                    "DISPOSED");
        }
        if (record.hold() instanceof PostRecord.Hold open) {
            throw new ConflictException("records.alreadyHeld", "the record is on hold already: {0}", open.reason());
        }
        Instant now = clock.instant();
        jdbc.sql("""
                insert into record_hold (post_id, reason, placed_by, placed_at) values (:id, :reason, :by, :at)
                """).param("id", id.value()).param("reason", why).param("by", me.username())
                .param("at", Timestamp.from(now)).update();
        audit.record(me.username(), "RECORD_HELD", "RECORD", id.toString(), "NOT_HELD", "HELD",
                Map.of("reason", why, "disposalDate", String.valueOf(record.schedule().disposalDate())));
        return locked(id);
    }

    @Transactional
    public PostRecord lift(Staff me, PostId id, String reason) {
        PostRecord record = lockedFor(me, id);
        String why = reason(reason);
        if (!(record.hold() instanceof PostRecord.Hold hold)) {
            throw new IllegalTransitionException("records.notHeld", "the record is not on hold", "NOT_HELD");
        }
        jdbc.sql("""
                update record_hold set lifted_by = :by, lifted_at = :at, lift_reason = :reason
                where post_id = :id and lifted_at is null
                """).param("id", id.value()).param("reason", why).param("by", me.username())
                .param("at", Timestamp.from(clock.instant())).update();
        audit.record(me.username(), "RECORD_RELEASED", "RECORD", id.toString(), "HELD", "NOT_HELD",
                Map.of("reason", why, "heldSince", hold.placedAt().toString(), "heldBy", hold.placedBy(),
                        "heldFor", hold.reason()));
        return locked(id);
    }

    /** The record, locked, once {@code me} may hold records; new records are registered first. */
    private PostRecord lockedFor(Staff me, PostId id) {
        PostRecords.requireAuditor(me);
        registry.registerNew();
        return locked(id);
    }

    private PostRecord locked(PostId id) {
        return registry.lock(id).orElseThrow(() -> new NotFoundException("records.notFound",
                "post {0} is no record: it never went out", id));
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new InvalidRequestException("records.reasonRequired",
                    "a reason of 1 to " + MAX_REASON + " characters is required", MAX_REASON);
        }
        return why;
    }
}
