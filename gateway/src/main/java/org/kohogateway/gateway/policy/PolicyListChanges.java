package org.kohogateway.gateway.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored requests to weaken a rule list, and who may decide them: an admin or a PR officer of the PR department
 * who is not the requester. {@link PolicyLists} applies a confirmed change and audits every step.
 */
@Component
class PolicyListChanges {

    private static final String COLUMNS = """
            id, list, operation, value, reason, requested_by, requested_at, status, decided_by, decided_at""";

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Clock clock;

    PolicyListChanges(JdbcClient jdbc, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
    }

    PolicyListChange request(String actor, ListName list, boolean adding, String value, String reason) {
        Optional<PolicyListChange> created = jdbc.sql("insert into policy_list_change (list, operation, value, reason,"
                + " requested_by, requested_at) values (:list, :operation, :value, :reason, :actor, :at)"
                + " on conflict (list, value) where status = 'PENDING' do nothing returning " + COLUMNS)
                .param("list", list.name()).param("operation", adding ? "ADD" : "REMOVE").param("value", value)
                .param("reason", reason).param("actor", actor).param("at", Timestamp.from(clock.instant()))
                .query(PolicyListChanges::change).optional();
        return created.orElseThrow(() -> new ConflictException("policy.listChangePending",
                "a change of " + value + " in " + list + " already waits for confirmation", list, value));
    }

    List<PolicyListChange> pending() {
        return jdbc.sql("select " + COLUMNS + " from policy_list_change where status = 'PENDING' order by id")
                .query(PolicyListChanges::change).list();
    }

    /** Marks the request decided by {@code actor}, who must be another admin or PR officer; returns it decided. */
    PolicyListChange decide(String actor, long id, PolicyListChange.Status decision) {
        PolicyListChange change = jdbc.sql("select " + COLUMNS + " from policy_list_change where id = :id for update")
                .param("id", id).query(PolicyListChanges::change).optional()
                .orElseThrow(() -> new NotFoundException("policy.listChangeNotFound", "no list change " + id, id));
        Staff decider = staff.byUsername(actor);
        boolean prOfficer = decider.has(Role.PR_OFFICER) && staff.department(decider.departmentId()).pr();
        if (!decider.has(Role.ADMIN) && !prOfficer) {
            throw new NotPermittedException("policy.listChangeDecider",
                    "an admin or a PR officer confirms a change of the rules' lists");
        }
        if (change.requestedBy().equals(actor)) {
            throw new NotPermittedException("policy.listChangeOwn", "a second person confirms a change you requested");
        }
        if (change.status() != PolicyListChange.Status.PENDING) {
            throw new ConflictException("policy.listChangeDecided", "list change " + id + " is already decided", id);
        }
        return jdbc.sql("update policy_list_change set status = :status, decided_by = :actor, decided_at = :at"
                + " where id = :id returning " + COLUMNS)
                .param("status", decision.name()).param("actor", actor).param("at", Timestamp.from(clock.instant()))
                .param("id", id).query(PolicyListChanges::change).single();
    }

    private static PolicyListChange change(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new PolicyListChange(rs.getLong("id"), ListName.valueOf(rs.getString("list")),
                "ADD".equals(rs.getString("operation")), rs.getString("value"), rs.getString("reason"),
                rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                PolicyListChange.Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant());
    }
}
