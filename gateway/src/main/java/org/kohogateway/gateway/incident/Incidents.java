package org.kohogateway.gateway.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.incident.IncidentKind.ResponseStep;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records incidents and walks them through the guideline's steps; an incident closes only when every step is done. */
@Service
public class Incidents {

    public static final int MAX_TEXT = 4_000;

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final AuditTrail audit;
    private final Clock clock;

    Incidents(JdbcClient jdbc, StaffDirectory staff, OfficialAccounts accounts, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Incident report(String username, @Nullable IncidentKind kind, @Nullable Long accountId,
            @Nullable String summary) {
        Staff actor = responder(username);
        if (kind == null) {
            throw new InvalidRequestException("incident.kindRequired", "say what kind of incident it is");
        }
        if (summary == null || summary.isBlank()) {
            throw new InvalidRequestException("incident.summaryRequired", "describe the incident");
        }
        if (summary.strip().length() > MAX_TEXT) {
            throw new InvalidRequestException("incident.textTooLong", "the description is too long", MAX_TEXT);
        }
        if (accountId != null) {
            accounts.get(accountId);
        }
        long id = jdbc.sql("""
                insert into incident (kind, account_id, summary, status, reported_by, reported_at)
                values (:kind, :account, :summary, 'OPEN', :by, :at) returning id
                """)
                .param("kind", kind.name()).param("account", accountId).param("summary", summary.strip())
                .param("by", actor.username()).param("at", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(actor.username(), "INCIDENT_REPORTED", "INCIDENT", Long.toString(id), null, "OPEN",
                Map.of("kind", kind.name(), "summary", summary.strip(), "accountId", accountId == null ? "" : accountId));
        return get(id);
    }

    @Transactional
    public Incident completeStep(String username, long id, ResponseStep step, @Nullable String note) {
        Staff actor = responder(username);
        Incident incident = get(id);
        requireOpen(incident, "completeStep");
        if (!incident.kind().steps().contains(step)) {
            throw new InvalidRequestException("incident.stepNotForKind", step + " is not a step for " + incident.kind(),
                    step, incident.kind());
        }
        if (note == null || note.isBlank()) {
            throw new InvalidRequestException("incident.noteRequired", "say what was done");
        }
        if (note.strip().length() > MAX_TEXT) {
            throw new InvalidRequestException("incident.textTooLong", "the note is too long", MAX_TEXT);
        }
        int added = jdbc.sql("""
                insert into incident_step (incident_id, step, done_by, done_at, note) values (:id, :step, :by, :at, :note)
                on conflict do nothing
                """)
                .param("id", id).param("step", step.name()).param("by", actor.username())
                .param("at", Timestamp.from(clock.instant())).param("note", note.strip()).update();
        if (added == 0) {
            throw new IllegalTransitionException("incident.stepDone", step + " is already done", step);
        }
        audit.record(actor.username(), "INCIDENT_STEP_DONE", "INCIDENT", Long.toString(id), null, null,
                Map.of("step", step.name(), "note", note.strip()));
        return get(id);
    }

    @Transactional
    public Incident close(String username, long id) {
        Staff actor = responder(username);
        Incident incident = get(id);
        requireOpen(incident, "close");
        List<ResponseStep> open = incident.steps().stream().filter(s -> !s.done()).map(Incident.Step::step).toList();
        if (!open.isEmpty()) {
            throw new IllegalTransitionException("incident.stepsOpen", "steps still open: " + open, open);
        }
        jdbc.sql("update incident set status = 'CLOSED', closed_by = :by, closed_at = :at where id = :id")
                .param("by", actor.username()).param("at", Timestamp.from(clock.instant())).param("id", id).update();
        audit.record(actor.username(), "INCIDENT_CLOSED", "INCIDENT", Long.toString(id), "OPEN", "CLOSED", Map.of());
        return get(id);
    }

    /**
     * The incidents a reader may read (§1 need-to-know, the rule posts follow), newest first, at most 200: every one
     * for those who read every department's ({@code departmentId} null), else those of their department's accounts
     * and those they reported; only those of {@code accountIds} for a request limited to them (null: not limited).
     */
    @Transactional(readOnly = true)
    public List<Incident> readable(long readerId, @Nullable Long departmentId, @Nullable List<Long> accountIds) {
        return jdbc.sql("select i.id from incident i where " + READABLE + " order by i.reported_at desc limit 200")
                .params(readers(readerId, departmentId, accountIds)).query(Long.class).list()
                .stream().map(this::get).toList();
    }

    /** The incident if the reader may read it ({@link #readable(long, Long, List)}); else not found. */
    @Transactional(readOnly = true)
    public Incident readable(long id, long readerId, Long departmentId, List<Long> accountIds) {
        boolean readable = jdbc.sql("select count(*) from incident i where i.id = :id and " + READABLE)
                .params(readers(readerId, departmentId, accountIds)).param("id", id).query(Long.class).single() > 0;
        if (!readable) {
            throw new NotFoundException("incident.notFound", "no incident " + id, Long.toString(id));
        }
        return get(id);
    }

    private static final String READABLE = """
            (cast(:readersAll as boolean)
             or exists (select 1 from staff s where s.username = i.reported_by and s.id = :reader)
             or exists (select 1 from official_account a where a.id = i.account_id
                        and a.department_id = :readersDepartment))
            and (not cast(:readersScoped as boolean) or i.account_id in (:readersAccounts))
            """;

    private static Map<String, Object> readers(long readerId, @Nullable Long departmentId,
            @Nullable List<Long> accountIds) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("reader", readerId);
        params.put("readersAll", departmentId == null);
        params.put("readersDepartment", departmentId == null ? -1L : departmentId);
        params.put("readersScoped", accountIds != null);
        // no account has id -1: stands in for an empty scope, as SQL's "in ()" is not valid
        params.put("readersAccounts", accountIds == null || accountIds.isEmpty() ? List.of(-1L) : accountIds);
        return params;
    }

    @Transactional(readOnly = true)
    public Incident get(long id) {
        var row = jdbc.sql("select * from incident where id = :id").param("id", id).query().listOfRows().stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("incident.notFound", "no incident " + id, Long.toString(id)));
        IncidentKind kind = IncidentKind.valueOf((String) row.get("kind"));
        Map<String, Map<String, Object>> done = new java.util.HashMap<>();
        jdbc.sql("select * from incident_step where incident_id = :id").param("id", id).query().listOfRows()
                .forEach(r -> done.put((String) r.get("step"), r));
        List<Incident.Step> steps = new ArrayList<>();
        for (ResponseStep step : kind.steps()) {
            Map<String, Object> r = done.get(step.name());
            steps.add(r == null ? new Incident.Step(step, false, null, null, null)
                    : new Incident.Step(step, true, (String) r.get("done_by"), instant(r.get("done_at")),
                            (String) r.get("note")));
        }
        Object account = row.get("account_id");
        return new Incident(id, kind, account == null ? null : ((Number) account).longValue(),
                (String) row.get("summary"), (String) row.get("status"), (String) row.get("reported_by"),
                instant(row.get("reported_at")), steps, (String) row.get("closed_by"), instant(row.get("closed_at")));
    }

    private static Instant instant(@Nullable Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }

    private static void requireOpen(Incident incident, String action) {
        if (!"OPEN".equals(incident.status())) {
            throw new IllegalTransitionException("incident.closed",
                    "cannot " + action + " an incident that is " + incident.status(), action, incident.status());
        }
    }

    private Staff responder(String username) {
        Staff actor = staff.byUsername(username);
        if (!actor.respondsToIncidents()) {
            throw new NotPermittedException("incident.notPermitted",
                    "incidents are handled by PR officers, approvers and admins");
        }
        return actor;
    }
}
