package org.kohogateway.gateway.staff;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's changes to departments and staff (ADMIN only): create departments and users, change roles, disable and
 * enable, reset passwords. Every input is checked here, every change is audited in its own transaction, and no change
 * may leave the gateway without an enabled ADMIN: nobody changes their own roles or disables themselves, and changes
 * to who is an admin are serialised so two admins removing each other at once cannot both succeed. ADMIN is never
 * held with a deciding role, and deciding or administering roles are granted by two people ({@link RoleGrants}).
 */
@Service
public class StaffAdministration {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; anything longer would be silently cut (and Spring refuses it). */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int LIST_LIMIT = 200;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern DEPARTMENT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final JdbcClient jdbc;
    private final StaffDirectory directory;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final RoleGrants grants;
    private final AdminGuard guard;

    StaffAdministration(JdbcClient jdbc, StaffDirectory directory, PasswordEncoder passwords, AuditTrail audit,
            RoleGrants grants, AdminGuard guard) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.passwords = passwords;
        this.audit = audit;
        this.grants = grants;
        this.guard = guard;
    }

    /**
     * A member of staff as the admin sees them, disabled ones included.
     *
     * @param email        where their notifications go, if anywhere
     * @param pendingRoles roles granted to them that wait for a second person's confirmation
     */
    public record Member(Staff staff, boolean enabled, @Nullable String email, Set<Role> pendingRoles) {

        public Member {
            pendingRoles = Set.copyOf(pendingRoles);
        }
    }

    /**
     * Staff matching the filter, by department and username, at most {@link #LIST_LIMIT} (one more tells the caller
     * there are more).
     *
     * @param departmentId null for every department
     * @param text         part of the username or display name, if the list is filtered by it
     */
    @Transactional(readOnly = true)
    public List<Member> members(String adminUsername, @Nullable Long departmentId, @Nullable String text) {
        requireAdmin(adminUsername);
        String like = text == null || text.isBlank() ? null : "%" + StaffInput.escapeLike(text.strip()) + "%";
        return jdbc.sql("""
                select s.id, s.username, s.display_name, s.department_id, s.enabled, s.email,
                       array_remove(array_agg(r.role order by r.role), null) as roles,
                       array(select g.role from role_grant g where g.staff_id = s.id and g.status = 'PENDING'
                             order by g.role) as pending_roles
                from staff s left join staff_role r on r.staff_id = s.id
                where (cast(:department as bigint) is null or s.department_id = :department)
                  and (cast(:like as text) is null or s.username ilike :like or s.display_name ilike :like)
                group by s.id
                order by s.department_id, s.username
                limit :limit
                """)
                .param("department", departmentId)
                .param("like", like)
                .param("limit", LIST_LIMIT + 1)
                .query(StaffAdministration::member)
                .list();
    }

    @Transactional(readOnly = true)
    public List<Department> departments(String adminUsername) {
        requireAdmin(adminUsername);
        return directory.departments();
    }

    @Transactional(readOnly = true)
    public Member member(String adminUsername, long id) {
        requireAdmin(adminUsername);
        return find(id);
    }

    @Transactional
    public Department createDepartment(String adminUsername, @Nullable String code, String name) {
        Staff admin = requireAdmin(adminUsername);
        String cleanCode = code == null ? "" : code.strip();
        if (!DEPARTMENT_CODE.matcher(cleanCode).matches()) {
            throw new InvalidRequestException("department.codeFormat", "a department code is 1-64 letters, digits, . _ -",
                    cleanCode);
        }
        String cleanName = StaffInput.name(name, "department.nameRequired");
        if (directory.departmentByCode(cleanCode).isPresent()) {
            throw new ConflictException("department.codeTaken", "department code " + cleanCode + " exists", cleanCode);
        }
        Department department;
        try {
            department = directory.addDepartment(cleanCode, cleanName, false);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("department.codeTaken", "department code " + cleanCode + " exists", cleanCode);
        }
        audit.record(admin.username(), "DEPARTMENT_CREATED", "DEPARTMENT", Long.toString(department.id()), null,
                "ACTIVE", Map.of("code", cleanCode, "name", cleanName));
        return department;
    }

    @Transactional
    public Staff createStaff(String adminUsername, @Nullable String username, String displayName, Long departmentId,
            Set<Role> roles, String password) {
        ActingStaff.requireDecisionScope(adminUsername);
        Staff admin = requireAdmin(adminUsername);
        String cleanUsername = username == null ? "" : username.strip();
        if (!USERNAME.matcher(cleanUsername).matches()) {
            throw new InvalidRequestException("staff.usernameFormat", "a username is 1-64 letters, digits, . _ @ -",
                    cleanUsername);
        }
        String cleanName = StaffInput.name(displayName, "staff.displayNameRequired");
        Department department = knownDepartment(departmentId);
        Set<Role> requested = roles(roles);
        RoleSeparation.require(requested);
        Set<Role> waiting = RoleSeparation.grantedByTwo(requested);
        Set<Role> cleanRoles = EnumSet.noneOf(Role.class);
        requested.stream().filter(r -> !waiting.contains(r)).forEach(cleanRoles::add);
        StaffInput.checkPassword(password);
        if (exists(cleanUsername)) {
            throw new ConflictException("staff.usernameTaken", "username " + cleanUsername + " exists", cleanUsername);
        }
        Staff created;
        try {
            created = directory.addStaff(cleanUsername, cleanName, password, department.id(), cleanRoles);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("staff.usernameTaken", "username " + cleanUsername + " exists", cleanUsername);
        }
        audit.record(admin.username(), "STAFF_CREATED", "STAFF", Long.toString(created.id()), null, "ENABLED",
                StaffInput.detail("username", cleanUsername, "displayName", cleanName, "departmentId", department.id(),
                        "roles", StaffInput.names(cleanRoles), "pendingRoles", StaffInput.names(waiting)));
        grants.request(admin.username(), created, waiting);
        return created;
    }

    /**
     * Replaces the roles: a removal and a grant of POSTER or AUDITOR apply at once; a grant of APPROVER, PR_OFFICER or
     * ADMIN becomes a request a second person confirms ({@link RoleGrants}). Nobody changes their own roles.
     */
    @Transactional
    public Member changeRoles(String adminUsername, long id, Set<Role> roles) {
        ActingStaff.requireDecisionScope(adminUsername);
        guard.lock();
        Staff admin = requireAdmin(adminUsername);
        Set<Role> next = roles(roles);
        RoleSeparation.require(next);
        Member target = find(id);
        if (target.staff().id() == admin.id()) {
            throw new NotPermittedException("staff.ownRoles", "nobody changes their own roles");
        }
        Set<Role> before = target.staff().roles();
        Set<Role> waiting = RoleSeparation.grantedByTwo(next);
        waiting.removeAll(before);
        Set<Role> now = EnumSet.noneOf(Role.class);
        next.stream().filter(r -> !waiting.contains(r)).forEach(now::add);
        if (before.contains(Role.ADMIN) && !now.contains(Role.ADMIN)) {
            guard.requireAnotherAdmin(target.staff());
        }
        if (!before.equals(now)) {
            directory.replaceRoles(id, now);
            Set<Role> added = EnumSet.copyOf(now);
            added.removeAll(before);
            Set<Role> removed = EnumSet.noneOf(Role.class);
            removed.addAll(before);
            removed.removeAll(now);
            audit.record(admin.username(), "STAFF_ROLES_CHANGED", "STAFF", Long.toString(id),
                    String.join(",", StaffInput.names(before)), String.join(",", StaffInput.names(now)),
                    StaffInput.detail("username", target.staff().username(), "added", StaffInput.names(added),
                            "removed", StaffInput.names(removed)));
        }
        grants.request(admin.username(), directory.byId(id), waiting);
        return find(id);
    }

    /** Disables (no login, no API token, no action) or enables a member of staff. */
    @Transactional
    public Member setEnabled(String adminUsername, long id, boolean enabled) {
        guard.lock();
        Staff admin = requireAdmin(adminUsername);
        Member target = find(id);
        if (target.enabled() == enabled) {
            return target;
        }
        if (!enabled) {
            if (target.staff().id() == admin.id()) {
                throw new InvalidRequestException("staff.disableSelf", "an admin cannot disable themselves");
            }
            if (target.staff().has(Role.ADMIN)) {
                guard.requireAnotherAdmin(target.staff());
            }
        }
        jdbc.sql("update staff set enabled = :enabled where id = :id").param("enabled", enabled).param("id", id)
                .update();
        audit.record(admin.username(), enabled ? "STAFF_ENABLED" : "STAFF_DISABLED", "STAFF", Long.toString(id),
                target.enabled() ? "ENABLED" : "DISABLED", enabled ? "ENABLED" : "DISABLED",
                Map.of("username", target.staff().username()));
        return find(id);
    }

    /**
     * Sets a new password and ends the person's open page sessions; the audit entry says who and when, never the
     * password.
     */
    @Transactional
    public void resetPassword(String adminUsername, long id, String password) {
        Staff admin = requireAdmin(adminUsername);
        StaffInput.checkPassword(password);
        Member target = find(id);
        // the new credentials version ends the sessions signed in with the old password
        jdbc.sql("update staff set password_hash = :hash, credentials_version = credentials_version + 1 where id = :id")
                .param("hash", passwords.encode(password)).param("id", id).update();
        audit.record(admin.username(), "STAFF_PASSWORD_RESET", "STAFF", Long.toString(id), null, null,
                Map.of("username", target.staff().username()));
    }

    private Staff requireAdmin(String username) {
        Staff me = directory.byUsername(username);
        if (!me.has(Role.ADMIN)) {
            throw new NotPermittedException("staff.adminOnly", "only an admin manages staff and departments");
        }
        return me;
    }

    private Member find(long id) {
        return jdbc.sql("""
                select s.id, s.username, s.display_name, s.department_id, s.enabled, s.email,
                       array_remove(array_agg(r.role order by r.role), null) as roles,
                       array(select g.role from role_grant g where g.staff_id = s.id and g.status = 'PENDING'
                             order by g.role) as pending_roles
                from staff s left join staff_role r on r.staff_id = s.id
                where s.id = :id
                group by s.id
                """)
                .param("id", id)
                .query(StaffAdministration::member)
                .optional()
                .orElseThrow(() -> new NotFoundException("staff.notFound", "no staff member " + id,
                        String.valueOf(id)));
    }

    private boolean exists(String username) {
        return jdbc.sql("select count(*) from staff where lower(username) = lower(:u)").param("u", username)
                .query(Long.class).single() > 0;
    }

    private Department knownDepartment(@Nullable Long id) {
        if (id == null) {
            throw new InvalidRequestException("staff.departmentRequired", "choose a department");
        }
        return directory.findDepartment(id).orElseThrow(() -> new InvalidRequestException("staff.unknownDepartment",
                "no department " + id, String.valueOf(id)));
    }


    private static Set<Role> roles(@Nullable Set<Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRequestException("staff.rolesRequired", "choose at least one role");
        }
        return EnumSet.copyOf(roles);
    }





    private static Member member(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("roles");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : (String[]) array.getArray()) {
            roles.add(Role.valueOf(role));
        }
        Set<Role> pending = EnumSet.noneOf(Role.class);
        for (String role : (String[]) rs.getArray("pending_roles").getArray()) {
            pending.add(Role.valueOf(role));
        }
        return new Member(new Staff(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getLong("department_id"), roles), rs.getBoolean("enabled"), rs.getString("email"), pending);
    }
}
