package org.kohogateway.gateway.records;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The records' rows, and the two questions asked of every post at once: which went out and are not records yet, and
 * which match a search. Those read the post and delivery tables (read only, as SQL, so the database filters years of
 * posts); everything about one record is read through the post, audit and media modules ({@link RecordReader}).
 */
@Repository
class RecordRegistry {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final RecordsProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    RecordRegistry(JdbcClient jdbc, AuditTrail audit, RecordsProperties properties, Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Makes a record of every post one of whose deliveries was sent and that is none yet, fixing its retention under
     * the rules in force now (audited, one entry each). Several instances may run it at once: a post is registered once.
     *
     * <p>A transaction for each batch, unless the caller's own transaction is under way (a disposal list drawn): a
     * backlog of thousands registered in one transaction held an id for its whole length, and the audit sealer seals
     * nothing committed after a transaction that is still open ({@code audit.AuditSealer}) — 34 s of entries left
     * unsealed in the dispatch benchmark.
     *
     * @return how many records were made
     */
    @Scheduled(fixedDelayString = "${gateway.records.register-every:10m}",
            initialDelayString = "${gateway.records.register-every:10m}")
    public int registerNew() {
        int made = 0;
        Batch batch;
        do {
            batch = Objects.requireNonNull(transaction.execute(status -> registerBatch()));
            made += batch.made();
        } while (batch.found() == BATCH);
        return made;
    }

    private record Batch(int found, int made) {
    }

    private Batch registerBatch() {
        // in the posts' order: two registrations at once (every records call makes one) insert the same new posts,
        // each waiting for the other's uncommitted row; in two orders they deadlocked, in one the second just waits
        List<Map<String, Object>> batch = jdbc.sql("""
                select p.id, p.category, min(d.sent_at) as first_sent_at
                from post p join delivery d on d.post_id = p.id
                where d.sent_at is not null
                  and not exists (select 1 from post_record r where r.post_id = p.id)
                group by p.id, p.category
                order by p.id
                limit :batch
                """).param("batch", BATCH).query().listOfRows();
        List<AuditTrail.Entry> entries = new ArrayList<>();
        Instant now = clock.instant();
        for (Map<String, Object> row : batch) {
            UUID id = (UUID) row.get("id");
            Instant firstSent = ((Timestamp) row.get("first_sent_at")).toInstant();
            RetentionClass retention = properties.retentionOf(PostCategory.valueOf((String) row.get("category")));
            RetentionSchedule schedule = RetentionSchedule.of(firstSent, retention);
            int inserted = jdbc.sql("""
                    insert into post_record (post_id, first_sent_at, retention, retention_starts, disposal_date,
                        registered_at)
                    values (:id, :sent, :retention, :starts, :disposal, :now)
                    on conflict (post_id) do nothing
                    """).param("id", id).param("sent", Timestamp.from(firstSent))
                    .param("retention", retention.name()).param("starts", Date.valueOf(schedule.startsOn()))
                    .param("disposal", date(schedule.disposalDate())).param("now", Timestamp.from(now)).update();
            if (inserted == 1) {
                entries.add(new AuditTrail.Entry(AuditTrail.SYSTEM, "RECORD_REGISTERED", "RECORD", id.toString(),
                        null, retention.name(), Map.of("firstSentAt", firstSent.toString(), "retentionStarts",
                                schedule.startsOn().toString(), "disposalDate",
                                String.valueOf(schedule.disposalDate()))));
            }
        }
        audit.recordAll(entries);
        return new Batch(batch.size(), entries.size());
    }

    Optional<PostRecord> find(PostId id) {
        return jdbc.sql(SELECT + " where r.post_id = :id").param("id", id.value()).query(this::row).optional();
    }

    /** The record locked for the caller's transaction (holds and disposal serialize on it). */
    Optional<PostRecord> lock(PostId id) {
        jdbc.sql("select 1 from post_record where post_id = :id for update").param("id", id.value()).query().listOfRows();
        return find(id);
    }

    /** Records whose disposal date has come by {@code day}, not disposed of, not on hold, not on an open list. */
    List<PostId> due(LocalDate day, int limit) {
        return jdbc.sql("""
                select r.post_id from post_record r
                where r.disposal_date <= :day and r.disposed_at is null
                  and not exists (select 1 from record_hold h where h.post_id = r.post_id and h.lifted_at is null)
                  and not exists (select 1 from disposal_list_item i join disposal_list l on l.id = i.list_id
                                  where i.post_id = r.post_id and l.status = 'DRAWN')
                order by r.disposal_date, r.post_id
                limit :limit
                """).param("day", Date.valueOf(day)).param("limit", limit)
                .query((rs, n) -> new PostId(rs.getObject(1, UUID.class))).list();
    }

    List<RecordSummary> search(RecordQuery q) {
        return jdbc.sql("""
                select r.post_id, r.first_sent_at, p.category, p.text, r.retention, r.retention_starts,
                       r.disposal_date, r.disposed_at, h.reason as hold_reason
                from post_record r join post p on p.id = r.post_id
                     left join record_hold h on h.post_id = r.post_id and h.lifted_at is null
                """ + FILTERS + " order by r.first_sent_at desc, r.post_id limit :limit")
                .params(filters(q)).param("limit", q.limit())
                .query((rs, n) -> new RecordSummary(rs.getObject("post_id", UUID.class),
                        rs.getTimestamp("first_sent_at").toInstant(), PostCategory.valueOf(rs.getString("category")),
                        rs.getString("text"), RetentionClass.valueOf(rs.getString("retention")),
                        localDate(rs, "disposal_date"), rs.getString("hold_reason"), instant(rs, "disposed_at")))
                .list();
    }

    /** The ids matching a search, oldest first, up to {@code limit}: what a package of a range holds. */
    List<PostId> ids(RecordQuery q, int limit) {
        return jdbc.sql("select r.post_id from post_record r join post p on p.id = r.post_id " + FILTERS
                + " order by r.first_sent_at, r.post_id limit :limit")
                .params(filters(q)).param("limit", limit)
                .query((rs, n) -> new PostId(rs.getObject(1, UUID.class))).list();
    }

    private static final String FILTERS = """
             where (cast(:like as text) is null or p.text ilike :like escape '\\')
               and (cast(:category as text) is null or p.category = :category)
               and (cast(:from as timestamptz) is null or r.first_sent_at >= :from)
               and (cast(:to as timestamptz) is null or r.first_sent_at < :to)
               and (cast(:account as bigint) is null or exists (select 1 from delivery d where d.post_id = r.post_id
                    and d.account_id = :account and d.sent_at is not null))
               and (cast(:platformId as text) is null or exists (select 1 from delivery d
                    where d.post_id = r.post_id and d.platform_post_id = :platformId))
            """;

    private static Map<String, @Nullable Object> filters(RecordQuery q) {
        Map<String, @Nullable Object> params = new java.util.HashMap<>();
        params.put("like", q.text() == null ? null : "%" + escapeLike(q.text()) + "%");
        params.put("category", q.category() == null ? null : q.category().name());
        params.put("from", q.from() == null ? null : Timestamp.from(q.from()));
        params.put("to", q.to() == null ? null : Timestamp.from(q.to()));
        params.put("account", q.accountId());
        params.put("platformId", q.platformPostId());
        return params;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static final String SELECT = """
            select r.*, h.reason as hold_reason, h.placed_by, h.placed_at, r.tombstone::text as tombstone_text
            from post_record r left join record_hold h on h.post_id = r.post_id and h.lifted_at is null
            """;

    private PostRecord row(ResultSet rs, int n) throws SQLException {
        String holdReason = rs.getString("hold_reason");
        PostRecord.Hold hold = holdReason == null ? null
                : new PostRecord.Hold(holdReason, rs.getString("placed_by"), rs.getTimestamp("placed_at").toInstant());
        long list = rs.getLong("disposal_list_id");
        Long listOrNull = rs.wasNull() ? null : list;
        return new PostRecord(new PostId(rs.getObject("post_id", UUID.class)),
                rs.getTimestamp("first_sent_at").toInstant(), RetentionClass.valueOf(rs.getString("retention")),
                new RetentionSchedule(rs.getDate("retention_starts").toLocalDate(), localDate(rs, "disposal_date")),
                rs.getTimestamp("registered_at").toInstant(), hold, instant(rs, "disposed_at"),
                listOrNull, rs.getString("tombstone_text"));
    }

    private static @Nullable Date date(@Nullable LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static @Nullable LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date day = rs.getDate(column);
        return day == null ? null : day.toLocalDate();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
