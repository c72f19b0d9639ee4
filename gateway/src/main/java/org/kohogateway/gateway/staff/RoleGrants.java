package org.kohogateway.gateway.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Four eyes on the roles that decide posts or administer (APPROVER, PR_OFFICER, ADMIN): an admin requests the grant,
 * and it takes effect when a second person confirms it — another admin, or a PR officer of the PR department; never
 * the requester nor the person concerned. Every step is audited and the person concerned is notified; a request, also those who may confirm it.
 */
@Service
public class RoleGrants {

    private static final String COLUMNS = """
            g.id, g.staff_id, s.username, g.role, g.requested_by, g.requested_at, g.status, g.decided_by, g.decided_at
            """;

    private final JdbcClient jdbc;
    private final StaffDirectory directory;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoleGrants(JdbcClient jdbc, StaffDirectory directory, AuditTrail audit, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Grants waiting for a second person, oldest first; for admins and PR officers. */
    @Transactional(readOnly = true)
    public List<RoleGrant> pending(String username) {
        Staff me = directory.byUsername(username);
        if (!me.hasAny(Role.ADMIN, Role.PR_OFFICER)) {
            throw new NotPermittedException("staff.grantDecider",
                    "another admin or a PR officer of the PR department confirms a role grant");
        }
        return jdbc.sql("select " + COLUMNS + " from role_grant g join staff s on s.id = g.staff_id"
                + " where g.status = 'PENDING' order by g.id").query(RoleGrants::grant).list();
    }

    /** Records the requests (an admin's, already checked by the caller); a role already requested stays one request. */
    @Transactional
    void request(String actor, Staff target, Set<Role> roles) {
        for (Role role : roles) {
            Long id = jdbc.sql("insert into role_grant (staff_id, role, requested_by, requested_at)"
                    + " values (:staff, :role, :actor, :at) on conflict (staff_id, role) where status = 'PENDING'"
                    + " do nothing returning id")
                    .param("staff", target.id()).param("role", role.name()).param("actor", actor)
                    .param("at", Timestamp.from(clock.instant())).query(Long.class).optional().orElse(null);
            if (id != null) {
                audit.record(actor, "ROLE_GRANT_REQUESTED", "STAFF", Long.toString(target.id()), null, null,
                        Map.of("grantId", id, "username", target.username(), "role", role.name()));
                events.publishEvent(new RoleGrantChanged(target.id(), target.username(), role,
                        RoleGrant.Status.PENDING, actor));
            }
        }
    }

    /** The second person lets the grant take effect, if the person's roles still allow it (ADMIN is no decider). */
    @Transactional
    public RoleGrant confirm(String actor, long id) {
        RoleGrant grant = lockForDecision(actor, id);
        Set<Role> before = directory.byId(grant.staffId()).roles();
        Set<Role> after = EnumSet.noneOf(Role.class);
        after.addAll(before);
        after.add(grant.role());
        RoleSeparation.require(after);
        directory.replaceRoles(grant.staffId(), after);
        RoleGrant decided = decide(actor, grant, RoleGrant.Status.CONFIRMED);
        audit.record(actor, "ROLE_GRANT_CONFIRMED", "STAFF", Long.toString(grant.staffId()), names(before),
                names(after), Map.of("grantId", id, "username", grant.username(), "role", grant.role().name(),
                        "requestedBy", grant.requestedBy()));
        return decided;
    }

    @Transactional
    public RoleGrant refuse(String actor, long id) {
        RoleGrant grant = lockForDecision(actor, id);
        RoleGrant decided = decide(actor, grant, RoleGrant.Status.REFUSED);
        audit.record(actor, "ROLE_GRANT_REFUSED", "STAFF", Long.toString(grant.staffId()), null, null,
                Map.of("grantId", id, "username", grant.username(), "role", grant.role().name(),
                        "requestedBy", grant.requestedBy()));
        return decided;
    }

    private RoleGrant lockForDecision(String actor, long id) {
        // confirming a grant is a decision: a person, or a token issued for decisions with the second factor
        ActingStaff.requireDecisionScope(actor);
        RoleGrant grant = jdbc.sql("select " + COLUMNS + " from role_grant g join staff s on s.id = g.staff_id"
                + " where g.id = :id for update of g").param("id", id).query(RoleGrants::grant).optional()
                .orElseThrow(() -> new NotFoundException("staff.grantNotFound", "no role grant " + id, id));
        Staff decider = directory.byUsername(actor);
        if (!mayDecide(decider)) {
            throw new NotPermittedException("staff.grantDecider",
                    "another admin or a PR officer of the PR department confirms a role grant");
        }
        if (grant.requestedBy().equals(actor)) {
            throw new NotPermittedException("staff.grantOwnRequest", "a second person confirms a grant you requested");
        }
        if (grant.staffId() == decider.id()) {
            throw new NotPermittedException("staff.grantForSelf", "nobody confirms a role for themselves");
        }
        if (grant.status() != RoleGrant.Status.PENDING) {
            throw new ConflictException("staff.grantDecided", "role grant " + id + " is already decided", id);
        }
        return grant;
    }

    /**
     * Who may confirm or refuse a grant to {@code staffId} that {@code requestedBy} asked for: told when it is
     * requested, so that it does not wait unseen. The same rule as {@link #lockForDecision}, less the token check.
     */
    @Transactional(readOnly = true)
    public Set<Long> deciders(long staffId, String requestedBy) {
        return jdbc.sql("""
                select distinct s.id from staff s join staff_role r on r.staff_id = s.id
                where s.enabled and r.role in ('ADMIN', 'PR_OFFICER') and s.id <> :staff and s.username <> :requester
                """).param("staff", staffId).param("requester", requestedBy).query(Long.class).stream()
                .map(directory::byId).filter(this::mayDecide).map(Staff::id).collect(Collectors.toSet());
    }

    /** Another admin, or a PR officer while in the PR department (a role left over after a move does not count). */
    private boolean mayDecide(Staff decider) {
        return decider.has(Role.ADMIN)
                || decider.has(Role.PR_OFFICER) && directory.department(decider.departmentId()).pr();
    }

    private RoleGrant decide(String actor, RoleGrant grant, RoleGrant.Status status) {
        jdbc.sql("update role_grant set status = :status, decided_by = :actor, decided_at = :at where id = :id")
                .param("status", status.name()).param("actor", actor).param("at", Timestamp.from(clock.instant()))
                .param("id", grant.id()).update();
        events.publishEvent(new RoleGrantChanged(grant.staffId(), grant.username(), grant.role(), status, actor));
        return new RoleGrant(grant.id(), grant.staffId(), grant.username(), grant.role(), grant.requestedBy(),
                grant.requestedAt(), status, actor, clock.instant());
    }

    private static String names(Set<Role> roles) {
        return String.join(",", roles.stream().map(Enum::name).sorted().toList());
    }

    private static RoleGrant grant(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new RoleGrant(rs.getLong("id"), rs.getLong("staff_id"), rs.getString("username"),
                Role.valueOf(rs.getString("role")), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), RoleGrant.Status.valueOf(rs.getString("status")),
                rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant());
    }
}
