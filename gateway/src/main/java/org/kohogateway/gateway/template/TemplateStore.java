package org.kohogateway.gateway.template;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.PostCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Template versions in the database, each saved with the audit entries of its transitions. */
@Repository
class TemplateStore {

    private static final TypeReference<List<Placeholder>> PLACEHOLDERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;

    TemplateStore(JdbcClient jdbc, JsonMapper json, AuditTrail audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
    }

    long newTemplate(long departmentId, boolean drill, Instant now) {
        return jdbc.sql("""
                insert into post_template (department_id, created_at, drill) values (:department, :at, :drill)
                returning id
                """).param("department", departmentId).param("at", Timestamp.from(now)).param("drill", drill)
                .query(Long.class).single();
    }

    void insert(PostTemplate t, String actor) {
        jdbc.sql("""
                insert into post_template_version (template_id, version, name, text, placeholders, account_ids,
                    category, warning_kinds, warning_answer, status, author_id, decided_by, decided_at, decision_comment, updated_at)
                values (:id, :version, :name, :text, cast(:placeholders as jsonb), :accounts, :category, :kinds,
                    :answer, :status, :author, :decidedBy, :decidedAt, :comment, :updatedAt)
                """).params(params(t)).update();
        audit(t, actor);
    }

    void update(PostTemplate t, String actor) {
        jdbc.sql("""
                update post_template_version set name = :name, text = :text, placeholders = cast(:placeholders as jsonb),
                    account_ids = :accounts, category = :category, warning_kinds = :kinds, warning_answer = :answer,
                    status = :status,
                    decided_by = :decidedBy, decided_at = :decidedAt, decision_comment = :comment, updated_at = :updatedAt
                where template_id = :id and version = :version
                """).params(params(t)).update();
        audit(t, actor);
    }

    /** Every version of a template, newest first, locked against a concurrent change while the caller decides. */
    List<PostTemplate> versionsForUpdate(long id) {
        jdbc.sql("select id from post_template where id = :id for update").param("id", id).query(Long.class)
                .optional();
        return versions(id);
    }

    List<PostTemplate> versions(long id) {
        return jdbc.sql(SELECT + " where v.template_id = :id order by v.version desc").param("id", id)
                .query(this::row).list();
    }

    /** The newest version of each template of these departments (all departments when null). */
    List<PostTemplate> newest(@Nullable Long departmentId) {
        return jdbc.sql(SELECT + """
                 where (cast(:department as bigint) is null or t.department_id = :department)
                   and v.version = (select max(version) from post_template_version where template_id = v.template_id)
                 order by v.template_id
                """).param("department", departmentId).query(this::row).list();
    }

    /** The approved versions of a department that answer a JMA warning kind. */
    List<PostTemplate> approvedFor(long departmentId, String kindCode) {
        return jdbc.sql(SELECT + """
                 where t.department_id = :department and v.status = 'APPROVED' and :kind = any (v.warning_kinds)
                 order by v.template_id
                """).param("department", departmentId).param("kind", kindCode).query(this::row).list();
    }

    Optional<Long> departmentOf(long id) {
        return jdbc.sql("select department_id from post_template where id = :id").param("id", id).query(Long.class)
                .optional();
    }

    private static final String SELECT = """
            select v.*, t.department_id, t.drill from post_template_version v join post_template t on t.id = v.template_id
            """;

    private PostTemplate row(ResultSet rs, int n) throws SQLException {
        return new PostTemplate(rs.getLong("template_id"), rs.getInt("version"), rs.getLong("department_id"),
                rs.getString("name"), rs.getString("text"),
                json.readValue(rs.getString("placeholders"), PLACEHOLDERS),
                Arrays.asList((Long[]) rs.getArray("account_ids").getArray()),
                PostCategory.valueOf(rs.getString("category")),
                Arrays.asList((String[]) rs.getArray("warning_kinds").getArray()),
                WarningAnswer.valueOf(rs.getString("warning_answer")),
                TemplateStatus.valueOf(rs.getString("status")), rs.getLong("author_id"),
                rs.getObject("decided_by", Long.class), instant(rs.getTimestamp("decided_at")),
                rs.getString("decision_comment"), rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("drill"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Map<String, Object> params(PostTemplate t) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", t.id());
        p.put("version", t.version());
        p.put("name", t.name());
        p.put("text", t.text());
        p.put("placeholders", json.writeValueAsString(t.placeholders()));
        p.put("accounts", t.accountIds().toArray(Long[]::new));
        p.put("category", t.category().name());
        p.put("kinds", t.warningKinds().toArray(String[]::new));
        p.put("answer", t.warningAnswer().name());
        p.put("status", t.status().name());
        p.put("author", t.authorId());
        p.put("decidedBy", t.decidedBy());
        p.put("decidedAt", t.decidedAt() == null ? null : Timestamp.from(t.decidedAt()));
        p.put("comment", t.decisionComment());
        p.put("updatedAt", Timestamp.from(t.updatedAt()));
        return p;
    }

    private void audit(PostTemplate t, String actor) {
        audit.recordAll(t.drainChanges().stream().map(c -> new AuditTrail.Entry(actor, c.action(), "TEMPLATE",
                t.id() + "/" + t.version(), c.before() == null ? null : c.before().name(), c.after().name(),
                c.detail())).toList());
    }
}
