package org.kohogateway.gateway.records;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostMedia;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Disposal at the end of retention: an auditor or admin draws up the list of records due (none on hold, none on
 * another open list), a second one approves it, and approval removes their image bytes — keeping a tombstone with the
 * hashes and alt text, while the post's text, deliveries and audit entries stay. A record on hold when the list is
 * approved (the hold placed after the list was drawn) is kept. Every step is in the audit trail.
 */
@Service
public class DisposalLists {

    /** Most records one list takes: a larger backlog is several lists, each read through by its approver. */
    static final int MAX_ITEMS = 1_000;
    public static final int MAX_COMMENT = 2_000;

    private final RecordRegistry registry;
    private final PostWorkflow posts;
    private final ImageDisposal images;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    DisposalLists(RecordRegistry registry, PostWorkflow posts, ImageDisposal images, JdbcClient jdbc,
            AuditTrail audit, JsonMapper json, Clock clock) {
        this.registry = registry;
        this.posts = posts;
        this.images = images;
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Lists the records whose disposal date has come (city time, today).
     *
     * @throws ConflictException {@code disposal.nothingDue} when no record is due
     */
    @Transactional
    public DisposalList draw(Staff me) {
        PostRecords.requireAuditor(me);
        registry.registerNew();
        // two lists drawn at once would both take the same due records: one draws at a time
        jdbc.sql("select pg_advisory_xact_lock(hashtext('disposal_list.draw'))").query().listOfRows();
        LocalDate today = LocalDate.ofInstant(clock.instant(), RetentionSchedule.CITY_TIME);
        List<PostId> due = registry.due(today, MAX_ITEMS);
        if (due.isEmpty()) {
            throw new ConflictException("disposal.nothingDue", "no record is due for disposal on {0}", today);
        }
        long id = jdbc.sql("""
                insert into disposal_list (due_on, status, drawn_by, drawn_at) values (:day, 'DRAWN', :by, :at)
                returning id
                """).param("day", Date.valueOf(today)).param("by", me.username())
                .param("at", Timestamp.from(clock.instant())).query(Long.class).single();
        List<AuditTrail.Entry> entries = new ArrayList<>();
        for (PostId post : due) {
            jdbc.sql("insert into disposal_list_item (list_id, post_id) values (:list, :post)").param("list", id)
                    .param("post", post.value()).update();
            entries.add(new AuditTrail.Entry(me.username(), "RECORD_LISTED_FOR_DISPOSAL", "RECORD", post.toString(),
                    null, null, Map.of("list", id)));
        }
        entries.add(new AuditTrail.Entry(me.username(), "DISPOSAL_LIST_DRAWN", "DISPOSAL_LIST", String.valueOf(id),
                null, DisposalList.Status.DRAWN.name(), Map.of("dueOn", today.toString(), "records", due.size())));
        audit.recordAll(entries);
        return get(id);
    }

    /**
     * Approves a list drawn up by someone else: disposes of each record on it not on hold now.
     *
     * @throws org.kohogateway.gateway.support.NotPermittedException {@code disposal.samePerson} for the one who drew it
     */
    @Transactional
    public DisposalList approve(Staff me, long id, @Nullable String comment) {
        DisposalList list = decidable(me, id);
        String note = comment(comment);
        Instant now = clock.instant();
        Map<PostId, List<PostMedia>> disposing = new LinkedHashMap<>();
        List<AuditTrail.Entry> entries = new ArrayList<>();
        int kept = 0;
        for (DisposalList.Item item : list.items()) {
            PostRecord record = registry.lock(item.post()).orElseThrow();
            DisposalList.Outcome outcome;
            if (record.hold() instanceof PostRecord.Hold hold) {
                outcome = DisposalList.Outcome.KEPT_ON_HOLD;
                kept++;
                entries.add(new AuditTrail.Entry(me.username(), "RECORD_KEPT_ON_HOLD", "RECORD",
                        item.post().toString(), "HELD", "HELD", Map.of("list", id, "hold", hold.reason(),
                                "heldBy", hold.placedBy())));
            } else {
                outcome = DisposalList.Outcome.DISPOSED;
                disposing.put(item.post(), posts.get(item.post()).content().media());
            }
            jdbc.sql("update disposal_list_item set outcome = :outcome where list_id = :list and post_id = :post")
                    .param("outcome", outcome.name()).param("list", id).param("post", item.postId()).update();
        }
        Map<String, List<String>> removed = images.remove(disposing);
        for (Map.Entry<PostId, List<PostMedia>> record : disposing.entrySet()) {
            List<Map<String, Object>> tombstone = record.getValue().stream().map(m -> tombstone(m, removed)).toList();
            jdbc.sql("""
                    update post_record set disposed_at = :at, disposal_list_id = :list, tombstone = cast(:tombstone as jsonb)
                    where post_id = :post and disposed_at is null
                    """).param("at", Timestamp.from(now)).param("list", id)
                    .param("tombstone", json.writeValueAsString(Map.of("images", tombstone)))
                    .param("post", record.getKey().value()).update();
            entries.add(new AuditTrail.Entry(me.username(), "RECORD_DISPOSED", "RECORD", record.getKey().toString(),
                    "KEPT", "DISPOSED", Map.of("list", id, "drawnBy", list.drawnBy(), "images", tombstone)));
        }
        decide(id, DisposalList.Status.APPROVED, me, note, now);
        entries.add(new AuditTrail.Entry(me.username(), "DISPOSAL_LIST_APPROVED", "DISPOSAL_LIST", String.valueOf(id),
                DisposalList.Status.DRAWN.name(), DisposalList.Status.APPROVED.name(), Map.of("drawnBy",
                        list.drawnBy(), "comment", note, "disposed", disposing.size(), "keptOnHold", kept)));
        audit.recordAll(entries);
        return get(id);
    }

    /** Refuses a list drawn up by someone else: its records are free to be listed again. */
    @Transactional
    public DisposalList refuse(Staff me, long id, @Nullable String comment) {
        DisposalList list = decidable(me, id);
        String note = comment(comment);
        decide(id, DisposalList.Status.REFUSED, me, note, clock.instant());
        audit.record(me.username(), "DISPOSAL_LIST_REFUSED", "DISPOSAL_LIST", String.valueOf(id),
                DisposalList.Status.DRAWN.name(), DisposalList.Status.REFUSED.name(),
                Map.of("drawnBy", list.drawnBy(), "comment", note));
        return get(id);
    }

    @Transactional(readOnly = true)
    public DisposalList get(Staff me, long id) {
        PostRecords.requireAuditor(me);
        return get(id);
    }

    /** The newest lists first. */
    @Transactional(readOnly = true)
    public List<DisposalList> recent(Staff me, int limit) {
        PostRecords.requireAuditor(me);
        return jdbc.sql("select id from disposal_list order by id desc limit :limit").param("limit", limit)
                .query(Long.class).list().stream().map(this::get).toList();
    }

    private static Map<String, Object> tombstone(PostMedia image, Map<String, List<String>> removed) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("mediaId", image.mediaId());
        kept.put("sha256", image.sha256());
        kept.put("altText", image.altText());
        kept.put("contentType", image.contentType());
        kept.put("bytes", image.bytes());
        kept.put("width", image.width());
        kept.put("height", image.height());
        kept.put("removed", removed.getOrDefault(image.sha256(), List.of()));
        return kept;
    }

    private void decide(long id, DisposalList.Status status, Staff me, String comment, Instant now) {
        jdbc.sql("""
                update disposal_list set status = :status, decided_by = :by, decided_at = :at, decision_comment = :comment
                where id = :id
                """).param("status", status.name()).param("by", me.username()).param("at", Timestamp.from(now))
                .param("comment", comment).param("id", id).update();
    }

    /** The list, locked, once {@code me} may decide it (a second auditor or admin, the list still open). */
    private DisposalList decidable(Staff me, long id) {
        PostRecords.requireAuditor(me);
        DisposalList list = locked(id);
        list.requireDecidableBy(me);
        return list;
    }

    private DisposalList locked(long id) {
        jdbc.sql("select 1 from disposal_list where id = :id for update").param("id", id).query().listOfRows();
        return get(id);
    }

    private DisposalList get(long id) {
        List<DisposalList.Item> items = jdbc.sql("""
                select i.post_id, r.disposal_date, i.outcome from disposal_list_item i
                join post_record r on r.post_id = i.post_id where i.list_id = :id order by r.disposal_date, i.post_id
                """).param("id", id).query((rs, n) -> new DisposalList.Item(rs.getObject(1, UUID.class),
                        rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate(),
                        rs.getString(3) == null ? null : DisposalList.Outcome.valueOf(rs.getString(3)))).list();
        return jdbc.sql("select * from disposal_list where id = :id").param("id", id)
                .query((rs, n) -> new DisposalList(rs.getLong("id"), rs.getDate("due_on").toLocalDate(),
                        DisposalList.Status.valueOf(rs.getString("status")), rs.getString("drawn_by"),
                        rs.getTimestamp("drawn_at").toInstant(), rs.getString("decided_by"),
                        rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(),
                        rs.getString("decision_comment"), items))
                .optional().orElseThrow(() -> new NotFoundException("disposal.notFound", "no disposal list {0}", id));
    }

    private static String comment(@Nullable String comment) {
        String note = comment == null ? "" : comment.strip();
        if (note.length() > MAX_COMMENT) {
            throw new InvalidRequestException("disposal.commentTooLong", "a comment is at most {0} characters",
                    MAX_COMMENT);
        }
        return note;
    }
}
