package org.kohogateway.gateway.weather;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.HttpValidators;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The weather tables: feeds' conditional GET state, the reports read, the changes found. */
@Repository
class WeatherReports {

    private final JdbcClient jdbc;

    WeatherReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Outcome {
        /** At least one change for a configured area (and kind of interest). */
        CHANGES,
        NO_CHANGE,
        /** A drill (訓練) or test (試験) report: never acted on. */
        NOT_NORMAL,
        /** Not well-formed, or not the report its title says: logged and skipped, never fetched again. */
        MALFORMED
    }

    Optional<HttpValidators> validators(String url) {
        return jdbc.sql("select etag, last_modified from weather_feed_state where url = :url").param("url", url)
                .query((rs, n) -> new HttpValidators(rs.getString("etag"), rs.getString("last_modified"))).optional();
    }

    void saveValidators(String url, HttpValidators validators) {
        jdbc.sql("""
                insert into weather_feed_state (url, etag, last_modified) values (:url, :etag, :lastModified)
                on conflict (url) do update set etag = excluded.etag, last_modified = excluded.last_modified
                """).param("url", url).param("etag", validators.etag())
                .param("lastModified", validators.lastModified()).update();
    }

    /** Which of these entries were read before. */
    Set<String> known(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select entry_id from weather_report where entry_id = any(:ids)")
                .param("ids", entryIds.toArray(String[]::new)).query(String.class).list());
    }

    /** Records a report as read; false if another poll recorded it first. */
    boolean claim(String entryId, String feedUrl, String title, Instant at, Outcome outcome, @Nullable String problem) {
        return jdbc.sql("""
                insert into weather_report (entry_id, feed_url, title, read_at, outcome, problem)
                values (:id, :feed, :title, :at, :outcome, :problem) on conflict (entry_id) do nothing
                """).param("id", entryId).param("feed", feedUrl).param("title", title)
                .param("at", Timestamp.from(at)).param("outcome", outcome.name()).param("problem", problem)
                .update() == 1;
    }

    /** Stores a change; empty if the same change (area, kind, report time, status) was stored before. */
    Optional<WeatherWarningEvent> store(JmaXml.KindStatus kind, WarningChange change, JmaXml.WarningReport report,
            String entryId, Instant at) {
        return jdbc.sql("""
                insert into weather_warning_event (kind_code, kind_name, area_code, area_name, status, change,
                    reported_at, event_id, source_entry_id, recorded_at)
                values (:kindCode, :kindName, :areaCode, :areaName, :status, :change, :reportedAt, :eventId, :entry,
                    :at)
                on conflict (area_code, kind_code, reported_at, status) do nothing
                returning *
                """).param("kindCode", kind.kindCode()).param("kindName", kind.kindName())
                .param("areaCode", kind.areaCode()).param("areaName", kind.areaName()).param("status", kind.status())
                .param("change", change.name()).param("reportedAt", Timestamp.from(report.reportedAt()))
                .param("eventId", report.eventId()).param("entry", entryId).param("at", Timestamp.from(at))
                .query(WeatherReports::event).optional();
    }

    List<WeatherWarningEvent> recent(int limit) {
        return jdbc.sql("select * from weather_warning_event order by reported_at desc, id desc limit :limit")
                .param("limit", limit).query(WeatherReports::event).list();
    }

    long count(Outcome outcome) {
        return jdbc.sql("select count(*) from weather_report where outcome = :outcome").param("outcome", outcome.name())
                .query(Long.class).single();
    }

    private static WeatherWarningEvent event(ResultSet rs, int n) throws SQLException {
        return new WeatherWarningEvent(rs.getLong("id"), rs.getString("kind_code"), rs.getString("kind_name"),
                rs.getString("area_code"), rs.getString("area_name"), rs.getString("status"),
                WarningChange.valueOf(rs.getString("change")), rs.getTimestamp("reported_at").toInstant(),
                rs.getString("event_id"), rs.getString("source_entry_id"), rs.getTimestamp("recorded_at").toInstant());
    }
}
