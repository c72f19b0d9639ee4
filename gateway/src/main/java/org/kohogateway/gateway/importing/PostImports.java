package org.kohogateway.gateway.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The import tables: uploads, the posts each line became, and the lines' errors. */
@Repository
class PostImports {

    private static final String SELECT = """
            select i.id, i.author, i.file_name, i.charset, i.mode, i.status, i.row_count, i.job_execution_id,
                   i.message, i.created_at, i.finished_at,
                   (select count(*) from post_import_row r where r.import_id = i.id) as imported,
                   (select count(distinct e.line) from post_import_error e where e.import_id = i.id) as rejected
            from post_import i
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;

    PostImports(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    long insert(String author, String fileName, String charset, ImportMode mode, byte[] content, int rows,
            Instant now) {
        return jdbc.sql("""
                insert into post_import (author, file_name, charset, mode, content, row_count, status, created_at)
                values (:author, :fileName, :charset, :mode, :content, :rows, 'QUEUED', :now)
                returning id
                """)
                .param("author", author).param("fileName", fileName).param("charset", charset)
                .param("mode", mode.name()).param("content", content).param("rows", rows)
                .param("now", Timestamp.from(now))
                .query(Long.class).single();
    }

    Optional<PostImport> find(long id) {
        return jdbc.sql(SELECT + " where i.id = :id").param("id", id).query(PostImports::map).optional();
    }

    List<PostImport> list(String author, int limit) {
        return jdbc.sql(SELECT + " where (cast(:author as text) is null or i.author = :author) order by i.id desc limit :limit")
                .param("author", author).param("limit", limit).query(PostImports::map).list();
    }

    /** The stored file and how to read it; empty once housekeeping cleared the content. */
    Optional<Stored> content(long id) {
        return jdbc.sql("select author, mode, charset, content from post_import where id = :id and content is not null")
                .param("id", id)
                .query((rs, n) -> new Stored(rs.getString("author"), ImportMode.valueOf(rs.getString("mode")),
                        rs.getString("charset"), rs.getBytes("content")))
                .optional();
    }

    record Stored(String author, ImportMode mode, String charset, byte[] content) {
    }

    void status(long id, ImportStatus status, @Nullable Long jobExecutionId, @Nullable String message,
            @Nullable Instant finishedAt) {
        jdbc.sql("""
                update post_import set status = :status, job_execution_id = coalesce(:execution, job_execution_id),
                       message = :message, finished_at = :finished
                where id = :id
                """)
                .param("id", id).param("status", status.name()).param("execution", jobExecutionId)
                .param("message", message).param("finished", finishedAt == null ? null : Timestamp.from(finishedAt))
                .update();
    }

    /** Claims a failed import for a restart; false if it is not (or no longer) failed. */
    boolean requeue(long id) {
        return jdbc.sql("update post_import set status = 'QUEUED', message = null where id = :id and status = 'FAILED'")
                .param("id", id).update() == 1;
    }

    /** Records the posts lines became, in one round trip. */
    void imported(long importId, Map<Integer, PostId> posts) {
        batch.batchUpdate("insert into post_import_row (import_id, line, post_id) values (:id, :line, :post)",
                posts.entrySet().stream().map(e -> new MapSqlParameterSource().addValue("id", importId)
                        .addValue("line", e.getKey()).addValue("post", e.getValue().value()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Which of these lines already became posts (a chunk repeated after a failure skips them). */
    Set<Integer> alreadyImported(long importId, Collection<Integer> lines) {
        if (lines.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select line from post_import_row where import_id = :id and line = any(:lines)")
                .param("id", importId).param("lines", lines.toArray(Integer[]::new)).query(Integer.class).list());
    }

    /**
     * Records lines' errors, in one round trip; recording the same errors again (a repeated chunk) changes nothing.
     */
    void rejected(long importId, Map<Integer, List<RowError>> errors) {
        List<SqlParameterSource> rows = new ArrayList<>();
        errors.forEach((line, list) -> {
            for (int i = 0; i < list.size(); i++) {
                RowError error = list.get(i);
                rows.add(new MapSqlParameterSource().addValue("id", importId).addValue("line", line)
                        .addValue("position", i).addValue("code", error.code())
                        .addValue("arguments", json.writeValueAsString(error.arguments())));
            }
        });
        batch.batchUpdate("""
                insert into post_import_error (import_id, line, position, code, arguments)
                values (:id, :line, :position, :code, cast(:arguments as jsonb))
                on conflict do nothing
                """, rows.toArray(SqlParameterSource[]::new));
    }

    boolean hasErrors(long importId) {
        return jdbc.sql("select exists (select 1 from post_import_error where import_id = :id)")
                .param("id", importId).query(Boolean.class).single();
    }

    List<RowError> errors(long importId) {
        return jdbc.sql("select line, code, arguments::text as arguments from post_import_error where import_id = :id order by line, position")
                .param("id", importId)
                .query((rs, n) -> new RowError(rs.getInt("line"), rs.getString("code"),
                        json.readValue(rs.getString("arguments"), new TypeReference<List<String>>() { })))
                .list();
    }

    List<PostId> posts(long importId) {
        return jdbc.sql("select post_id from post_import_row where import_id = :id order by line")
                .param("id", importId).query((rs, n) -> new PostId(rs.getObject(1, java.util.UUID.class))).list();
    }

    List<ImportedRow> importedRows(long importId) {
        return jdbc.sql("select line, post_id from post_import_row where import_id = :id order by line")
                .param("id", importId)
                .query((rs, n) -> new ImportedRow(rs.getInt(1), new PostId(rs.getObject(2, java.util.UUID.class))))
                .list();
    }

    /** Clears the stored files of imports created before the cutoff; their history stays. */
    int clearContentBefore(Instant cutoff) {
        return jdbc.sql("update post_import set content = null where content is not null and created_at < :cutoff and status <> 'RUNNING'")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }

    private static PostImport map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Long execution = rs.getObject("job_execution_id", Long.class);
        return new PostImport(rs.getLong("id"), rs.getString("author"), rs.getString("file_name"),
                rs.getString("charset"), ImportMode.valueOf(rs.getString("mode")),
                ImportStatus.valueOf(rs.getString("status")), rs.getInt("row_count"), rs.getInt("imported"),
                rs.getInt("rejected"), execution, rs.getString("message"),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
    }
}
