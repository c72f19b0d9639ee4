package org.kohogateway.gateway.template;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.weather.WarningChange;
import org.kohogateway.gateway.weather.WeatherWarningChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which posts weather warnings drafted, and from which warning: recorded with each draft, listed for its department
 * (every department's for those who read every account), as the templates are.
 */
@Service
public class WeatherDraftLog {

    public static final int MAX_LIST = 200;

    private final JdbcClient jdbc;

    WeatherDraftLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Recorded in the draft's own transaction, so a draft is never listed without its post or the other way round. */
    void record(PostId post, PostTemplate template, WeatherWarningChanged warning, Instant now) {
        jdbc.sql("""
                insert into weather_draft (post_id, template_id, template_version, department_id, warning_event_id,
                    kind_name, area_name, change, reported_at, created_at)
                values (:post, :template, :version, :department, :event, :kind, :area, :change, :reportedAt, :at)
                """).param("post", post.value()).param("template", template.id()).param("version", template.version())
                .param("department", template.departmentId()).param("event", warning.warningEventId())
                .param("kind", warning.kindName()).param("area", warning.areaName())
                .param("change", warning.change().name()).param("reportedAt", Timestamp.from(warning.reportedAt()))
                .param("at", Timestamp.from(now)).update();
    }

    /** The newest drafts first (by the warning's report time), at most {@link #MAX_LIST}. */
    @Transactional(readOnly = true)
    public List<WeatherDraft> list(Staff me) {
        return jdbc.sql("""
                select d.*, v.name from weather_draft d
                join post_template_version v on v.template_id = d.template_id and v.version = d.template_version
                where cast(:department as bigint) is null or d.department_id = :department
                order by d.reported_at desc, d.created_at desc limit :limit
                """).param("department", me.readsEveryAccount() ? null : me.departmentId()).param("limit", MAX_LIST)
                .query(WeatherDraftLog::row).list();
    }

    private static WeatherDraft row(ResultSet rs, int n) throws SQLException {
        return new WeatherDraft(rs.getObject("post_id", UUID.class), rs.getLong("template_id"),
                rs.getInt("template_version"), rs.getString("name"), rs.getString("kind_name"),
                rs.getString("area_name"), WarningChange.valueOf(rs.getString("change")),
                rs.getTimestamp("reported_at").toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
