package org.kohogateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

    private static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;
    private final JdbcTemplate batch;
    private final ExportConnections exportConnections;

    AuditTrail(JdbcClient jdbc, DataSource dataSource, Clock clock, JsonMapper json,
            ExportConnections exportConnections) {
        this.jdbc = jdbc;
        this.exportConnections = exportConnections;
        this.clock = clock;
        this.json = json;
        this.batch = new JdbcTemplate(dataSource);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String action, String subjectType, String subjectId, String beforeState,
            String afterState, Map<String, ?> detail) {
        recordAll(List.of(new Entry(actor, action, subjectType, subjectId, beforeState, afterState, detail)));
    }

    /** One entry for {@link #recordAll}. */
    public record Entry(String actor, String action, String subjectType, String subjectId, String beforeState,
            String afterState, Map<String, ?> detail) {
    }

    /**
     * Writes several entries, in this order, in one round trip to the database: the chain's lock is then held for
     * one statement rather than one per entry, which matters because it orders every audited transaction.
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
     * Recomputes every entry's hash in chain order, independently of the database's own function, and stops at the
     * first entry that was changed, removed or inserted out of the chain. It reads the whole trail, so it runs on
     * the exports' connections ({@link ExportConnections}), never holding one that claims and pauses need.
     */
    public ChainVerification verify() {
        return exportConnections.read(this::verify);
    }

    private ChainVerification verify(NamedParameterJdbcTemplate streaming) {
        var state = new Object() {
            long checked;
            String previous = GENESIS;
            long expectedSeq = 1;
            ChainVerification broken;
        };
        streaming.getJdbcOperations().query("""
                select id, seq, prev_hash, hash, actor, action, subject_type, subject_id, before_state, after_state,
                       detail::text as detail,
                       to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
                from audit_entry order by seq
                """, rs -> {
            if (state.broken != null) {
                return;
            }
            long seq = rs.getLong("seq");
            long id = rs.getLong("id");
            String problem = null;
            if (seq != state.expectedSeq) {
                problem = "entry " + state.expectedSeq + " is missing";
            } else if (!rs.getString("prev_hash").equals(state.previous)) {
                problem = "does not follow the entry before it (an entry was removed or changed)";
            } else {
                String canonical = String.join("\u001f", rs.getString("prev_hash"), Long.toString(seq),
                        rs.getString("at"), rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), nullToEmpty(rs.getString("before_state")),
                        nullToEmpty(rs.getString("after_state")), rs.getString("detail"));
                if (!sha256(canonical).equals(rs.getString("hash"))) {
                    problem = "its content does not match its hash (the entry was changed)";
                }
            }
            if (problem != null) {
                state.broken = new ChainVerification(false, state.checked, seq, id, problem, null);
                return;
            }
            state.checked++;
            state.expectedSeq++;
            state.previous = rs.getString("hash");
        });
        return state.broken != null ? state.broken
                : new ChainVerification(true, state.checked, null, null, null, state.previous);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> find(AuditQuery query) {
        return jdbc.sql("""
                select id, occurred_at, actor, action, subject_type, subject_id, before_state, after_state, detail::text as detail
                from audit_entry
                where (cast(:type as text) is null or subject_type = :type)
                  and (cast(:subject as text) is null or subject_id = :subject)
                  and (cast(:actor as text) is null or actor = :actor)
                order by id desc
                limit :limit
                """)
                .param("type", query.subjectType())
                .param("subject", query.subjectId())
                .param("actor", query.actor())
                .param("limit", query.limit())
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), rs.getString("before_state"), rs.getString("after_state"),
                        rs.getString("detail")))
                .list();
    }
}
