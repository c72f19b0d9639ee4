package org.kohogateway.gateway.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

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

    AuditTrail(JdbcClient jdbc, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String action, String subjectType, String subjectId, String beforeState,
            String afterState, Map<String, ?> detail) {
        jdbc.sql("""
                insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, before_state, after_state, detail)
                values (:at, :actor, :action, :type, :id, :before, :after, cast(:detail as jsonb))
                """)
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("action", action)
                .param("type", subjectType)
                .param("id", subjectId)
                .param("before", beforeState)
                .param("after", afterState)
                .param("detail", json.writeValueAsString(detail))
                .update();
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
