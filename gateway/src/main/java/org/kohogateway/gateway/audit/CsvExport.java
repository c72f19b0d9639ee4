package org.kohogateway.gateway.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.SearchBounds;
import org.springframework.stereotype.Service;

/**
 * CSV for auditors, streamed row by row so a year of history never sits in memory: UTF-8 with a byte-order mark so
 * Excel in Japan opens it correctly, times in Japan time. Read on the exports' own connections
 * ({@link ExportConnections}): a client that takes its download slowly holds one of those, not one claims need.
 */
@Service
public class CsvExport {

    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
    private static final DateTimeFormatter JST = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Tokyo"));

    static final String SEALING = "sealing…";

    private final ExportConnections connections;

    CsvExport(ExportConnections connections) {
        this.connections = connections;
    }

    /**
     * Where a CSV goes, opened once the export has its connection: until then nothing is written, so a refusal can
     * still be a problem or an error page rather than a download.
     */
    @FunctionalInterface
    public interface Download {
        OutputStream open() throws IOException;
    }

    /**
     * The audit trail between two instants (either open), oldest first. An entry the sealer has not linked into the
     * chain yet ({@link AuditSealer}) shows {@value #SEALING} for its hash.
     */
    public void auditTrail(@Nullable Instant from, @Nullable Instant to, @Nullable String actor, Download out) {
        Map<String, Object> params = params(from, to, actor);
        params.put("sealing", SEALING);
        write(out, new String[] { "seq", "日時", "実行者", "操作", "対象種別", "対象ID", "変更前", "変更後", "詳細", "ハッシュ" },
                """
                select e.seq, e.occurred_at, e.actor, e.action, e.subject_type, e.subject_id, e.before_state,
                       e.after_state, e.detail::text as detail, coalesce(s.hash, :sealing) as hash
                from audit_entry e left join audit_seal s on s.seq = e.seq
                where (cast(:from as timestamptz) is null or e.occurred_at >= :from)
                  and (cast(:to as timestamptz) is null or e.occurred_at < :to)
                  and (cast(:actor as text) is null or e.actor = :actor)
                order by e.seq
                """, params,
                new String[] { "seq", "occurred_at", "actor", "action", "subject_type", "subject_id", "before_state",
                        "after_state", "detail", "hash" });
    }

    /** The send log: every delivery with its post, account and outcome, oldest first. */
    public void sendLog(@Nullable Instant from, @Nullable Instant to, @Nullable String actor, Download out) {
        write(out, new String[] { "配信ID", "投稿ID", "アカウント", "媒体", "状態", "予定日時", "送信日時", "試行回数",
                "媒体の投稿ID", "エラー・保留理由", "作成者", "承認者", "承認経路", "本文" },
                """
                select d.id, d.post_id, a.name, a.platform, d.status, d.due_at, d.sent_at, d.attempts, d.platform_post_id,
                       coalesce(d.last_error, d.hold_reason) as problem, s.username as author, ap.username as approver,
                       p.route, p.text
                from delivery d
                join post p on p.id = d.post_id
                join official_account a on a.id = d.account_id
                join staff s on s.id = p.author_id
                left join staff ap on ap.id = p.decided_by
                where (cast(:from as timestamptz) is null or d.updated_at >= :from)
                  and (cast(:to as timestamptz) is null or d.updated_at < :to)
                  and (cast(:actor as text) is null or s.username = :actor or ap.username = :actor)
                order by d.updated_at
                """, params(from, to, actor),
                new String[] { "id", "post_id", "name", "platform", "status", "due_at", "sent_at", "attempts",
                        "platform_post_id", "problem", "author", "approver", "route", "text" });
    }

    private static Map<String, Object> params(@Nullable Instant from, @Nullable Instant to, @Nullable String actor) {
        var params = new java.util.HashMap<String, Object>();
        params.put("from", from == null ? null : Timestamp.from(SearchBounds.clamp(from, SearchBounds.EARLIEST)));
        params.put("to", to == null ? null : Timestamp.from(SearchBounds.clamp(to, SearchBounds.LATEST)));
        params.put("actor", actor);
        return params;
    }

    /**
     * A cell Excel would read as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR) gets a leading
     * apostrophe: post texts and comments are written by people, and an auditor opens the file in Excel.
     */
    static @Nullable Object inert(@Nullable Object value) {
        if (value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    private void write(Download download, String[] header, String sql, Map<String, Object> params, String[] columns) {
        connections.read(jdbc -> {
            try {
                OutputStream out = download.open();
                out.write(BOM);
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL.builder().setHeader(header).get());
                jdbc.query(sql, params, rs -> {
                    try {
                        for (String column : columns) {
                            Object value = rs.getObject(column);
                            csv.print(value instanceof Timestamp t ? JST.format(t.toInstant()) : inert(value));
                        }
                        csv.println();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                csv.flush();
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
