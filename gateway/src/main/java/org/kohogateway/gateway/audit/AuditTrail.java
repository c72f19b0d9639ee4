package org.kohogateway.gateway.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the audit trail. A record joins the caller's transaction, so a state change and its
 * audit entry commit or roll back together; the database refuses updates and deletes of entries.
 */
@Service
public class AuditTrail {

    /** The actor name used for changes the gateway makes by itself (dispatch, schedules). */
    public static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;
    private final JdbcTemplate batch;
    private final ExportConnections exportConnections;
    private final AnchorSigner signer;

    AuditTrail(JdbcClient jdbc, DataSource dataSource, Clock clock, JsonMapper json,
            ExportConnections exportConnections, AnchorSigner signer) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.exportConnections = exportConnections;
        this.clock = clock;
        this.json = json;
        this.batch = new JdbcTemplate(dataSource);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String action, String subjectType, String subjectId, @Nullable String beforeState,
            @Nullable String afterState, Map<String, ?> detail) {
        recordAll(List.of(new Entry(actor, action, subjectType, subjectId, beforeState, afterState, detail)));
    }

    /** One entry for {@link #recordAll}. */
    public record Entry(String actor, String action, String subjectType, String subjectId, @Nullable String beforeState,
            @Nullable String afterState, Map<String, ?> detail) {
    }

    /**
     * Writes several entries, in this order, in one round trip to the database. An entry takes only a number from a
     * sequence, so no audited transaction waits for another; the sealer links it into the hash chain after commit
     * ({@link AuditSealer}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(clock.instant());
        List<Object[]> rows = entries.stream().map(e -> new Object[] { at, e.actor(), e.action(), e.subjectType(),
                e.subjectId(), e.beforeState(), e.afterState(), json.writeValueAsString(detail(e)) }).toList();
        batch.batchUpdate("""
                insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, before_state, after_state, detail)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                """, rows, rows.size(), (ps, row) -> {
            ps.setTimestamp(1, (Timestamp) row[0]);
            for (int i = 1; i < row.length; i++) {
                ps.setString(i + 1, (String) row[i]);
            }
        });
    }

    /** The entry's detail, naming the API token when its actor acts through one ({@link ThroughToken}). */
    private static Map<String, ?> detail(Entry entry) {
        Long token = ThroughToken.of(entry.actor());
        if (token == null) {
            return entry.detail();
        }
        Map<String, Object> detail = new LinkedHashMap<>(entry.detail() == null ? Map.of() : entry.detail());
        detail.put("token", token);
        return detail;
    }

    /**
     * Checks the hash chain of every sealed entry against itself and the anchors ({@link ChainCheck}) and counts the entries waiting to be sealed. It
     * reads the whole trail, so it runs on the exports' connections ({@link ExportConnections}), never holding one
     * that claims and pauses need.
     */
    public ChainVerification verify() {
        return exportConnections.read(streaming -> ChainCheck.run(streaming, signer));
    }

    /** Newest first; an entry not sealed yet has no hash. */
    @Transactional(readOnly = true)
    public List<AuditEntry> find(AuditQuery query) {
        return jdbc.sql("""
                select e.id, e.seq, e.occurred_at, e.actor, e.action, e.subject_type, e.subject_id, e.before_state,
                       e.after_state, e.detail::text as detail, s.hash
                from audit_entry e left join audit_seal s on s.seq = e.seq
                where (cast(:type as text) is null or subject_type = :type)
                  and (cast(:subject as text) is null or subject_id = :subject)
                  and (cast(:actor as text) is null or actor = :actor)
                order by e.id desc
                limit :limit
                """)
                .param("type", query.subjectType())
                .param("subject", query.subjectId())
                .param("actor", query.actor())
                .param("limit", query.limit())
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getLong("seq"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("action"),
                        rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("before_state"),
                        rs.getString("after_state"), rs.getString("detail"), rs.getString("hash")))
                .list();
    }
}
