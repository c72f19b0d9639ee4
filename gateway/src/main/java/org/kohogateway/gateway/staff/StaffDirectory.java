package org.kohogateway.gateway.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks up and registers departments and staff. */
@Service
public class StaffDirectory {

    /**
     * The roles that count ({@code staff_role_in_force}: PR_OFFICER only in the PR department; every PR decision reads
     * roles here), as a column of the person's row: every request reads its person, and a second round trip for the
     * roles was a tenth of a rules check's time on a busy machine.
     */
    private static final String ROLES =
            "array(select r.role from staff_role_in_force r where r.staff_id = s.id) as roles";
    private static final String SELECT = "select s.id, s.username, s.display_name, s.department_id, " + ROLES
            + " from staff s";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    StaffDirectory(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    // one statement, so no transaction of its own: outside one, its bounds and commit were two more round trips
    public Staff byUsername(String username) {
        return findByUsername(username)
                .orElseThrow(() -> new NotFoundException("staff.notFound", "no staff member " + username, username));
    }

    // one statement, so no transaction of its own: outside one, its bounds and commit were two more round trips
    public Optional<Staff> findByUsername(String username) {
        return jdbc.sql(SELECT + " where s.username = :u and s.enabled")
                .param("u", username)
                .query(StaffDirectory::staff)
                .optional();
    }

    /** The enabled member of staff who logged in with this identity provider's subject, if any. */
    public Optional<Staff> findByIdentity(String issuer, String subject) {
        return jdbc.sql(SELECT + " where s.oidc_issuer = :iss and s.oidc_subject = :sub and s.enabled")
                .param("iss", issuer).param("sub", subject).query(StaffDirectory::staff).optional();
    }

    /**
     * Binds the identity provider's (issuer, subject) to this member of staff if they have none yet; false when they
     * are bound to another subject (the caller refuses the login).
     */
    @Transactional
    public boolean linkIdentity(long staffId, String issuer, String subject) {
        return jdbc.sql("update staff set oidc_issuer = :iss, oidc_subject = :sub where id = :id"
                + " and (oidc_subject is null or (oidc_issuer = :iss and oidc_subject = :sub))")
                .param("iss", issuer).param("sub", subject).param("id", staffId).update() == 1;
    }

    /**
     * How many times an admin has reset this person's password or second factor (0 for an unknown username): a page
     * session remembers the version it signed in under.
     */
    @Transactional(readOnly = true)
    public long credentialsVersion(String username) {
        return jdbc.sql("select credentials_version from staff where username = :u").param("u", username)
                .query(Long.class).optional().orElse(0L);
    }

    @Transactional(readOnly = true)
    public Staff byId(long id) {
        return jdbc.sql(SELECT + " where s.id = :id")
                .param("id", id)
                .query(StaffDirectory::staff)
                .optional()
                .orElseThrow(() -> new NotFoundException("staff.notFound", "no staff member " + id, id));
    }

    /** The enabled members of one department, by username (an account's administrator and operators come from here). */
    @Transactional(readOnly = true)
    public List<Staff> inDepartment(long departmentId) {
        return jdbc.sql(SELECT + " where s.department_id = :d and s.enabled order by s.username limit 500").param("d", departmentId).query(StaffDirectory::staff).list();
    }

    @Transactional(readOnly = true)
    public Department department(long id) {
        return findDepartment(id)
                .orElseThrow(() -> new NotFoundException("department.notFound", "no department " + id, id));
    }

    @Transactional(readOnly = true)
    Optional<Department> findDepartment(long id) {
        return jdbc.sql("select id, code, name, is_pr from department where id = :id")
                .param("id", id)
                .query(StaffDirectory::department)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<Department> departmentByCode(String code) {
        return jdbc.sql("select id, code, name, is_pr from department where code = :code")
                .param("code", code)
                .query(StaffDirectory::department)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Department> departments() {
        return jdbc.sql("select id, code, name, is_pr from department order by code").query(StaffDirectory::department).list();
    }

    @Transactional
    public Department addDepartment(String code, String name, boolean pr) {
        long id = jdbc.sql("insert into department (code, name, is_pr) values (:code, :name, :pr) returning id")
                .param("code", code)
                .param("name", name)
                .param("pr", pr)
                .query(Long.class)
                .single();
        return new Department(id, code, name, pr);
    }

    @Transactional
    public Staff addStaff(String username, String displayName, String rawPassword, long departmentId, Set<Role> roles) {
        requirePrDepartment(departmentId, roles);
        long id = jdbc.sql("""
                insert into staff (username, display_name, password_hash, department_id)
                values (:u, :n, :p, :d) returning id
                """)
                .param("u", username)
                .param("n", displayName)
                .param("p", passwords.encode(rawPassword))
                .param("d", departmentId)
                .query(Long.class)
                .single();
        for (Role role : roles) {
            jdbc.sql("insert into staff_role (staff_id, role) values (:id, :role)")
                    .param("id", id)
                    .param("role", role.name())
                    .update();
        }
        return new Staff(id, username, displayName, departmentId, roles);
    }

    /** Sets or (null) clears a member of staff's e-mail address; the caller checks who may and audits it. */
    @Transactional
    public void changeEmail(String username, @Nullable String email) {
        int rows = jdbc.sql("update staff set email = :email where username = :u").param("email", email)
                .param("u", username).update();
        if (rows == 0) {
            throw new NotFoundException("staff.notFound", "no staff member " + username, username);
        }
    }

    @Transactional(readOnly = true)
    public Optional<String> email(String username) {
        return jdbc.sql("select email from staff where username = :u and email is not null").param("u", username)
                .query(String.class).optional();
    }

    /**
     * Enabled staff with an e-mail address among the given ids, or holding any of the given roles (in the given
     * department, if one).
     */
    @Transactional(readOnly = true)
    public List<Contact> contacts(Set<Long> ids, Set<Role> anyRole, @Nullable Long departmentId) {
        return jdbc.sql("""
                select s.id, s.username, s.email from staff s
                where s.enabled and s.email is not null
                  and (s.id = any(:ids)
                       or (exists (select 1 from staff_role r where r.staff_id = s.id and r.role = any(:roles))
                           and (cast(:department as bigint) is null or s.department_id = :department)))
                order by s.id
                """)
                .param("ids", ids.toArray(Long[]::new))
                .param("roles", anyRole.stream().map(Enum::name).toArray(String[]::new))
                .param("department", departmentId)
                .query((rs, n) -> new Contact(rs.getLong("id"), rs.getString("username"), rs.getString("email")))
                .list();
    }

    /** Makes these exactly the staff member's roles (e.g. as the city's identity provider's groups say). */
    @Transactional
    public void replaceRoles(long staffId, Set<Role> roles) {
        requirePrDepartment(byId(staffId).departmentId(), roles);
        jdbc.sql("delete from staff_role where staff_id = :id").param("id", staffId).update();
        for (Role role : roles) {
            jdbc.sql("insert into staff_role (staff_id, role) values (:id, :role)")
                    .param("id", staffId).param("role", role.name()).update();
        }
    }

    @Transactional
    public void moveToDepartment(long staffId, long departmentId) {
        jdbc.sql("update staff set department_id = :d where id = :id").param("d", departmentId).param("id", staffId)
                .update();
    }

    /** A re-hash of the same password with the current encoding (on login, when the stored one is older). */
    @Transactional
    void replacePasswordHash(String username, String passwordHash) {
        jdbc.sql("update staff set password_hash = :p where username = :u").param("p", passwordHash)
                .param("u", username).update();
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("select s.password_hash, " + ROLES + " from staff s where s.username = :u and s.enabled")
                .param("u", username)
                .query((rs, n) -> new Credentials(username, rs.getString("password_hash"), roles(rs)))
                .optional();
    }

    record Credentials(String username, String passwordHash, Set<Role> roles) {
    }

    private static Set<Role> roles(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : (String[]) rs.getArray("roles").getArray()) {
            roles.add(Role.valueOf(name));
        }
        return roles;
    }

    private static Staff staff(ResultSet rs, int row) throws SQLException {
        String username = rs.getString("username");
        // through an API token, the person holds only the token's roles (ActingStaff): every domain check sees that
        return new Staff(rs.getLong("id"), username, rs.getString("display_name"), rs.getLong("department_id"),
                ActingStaff.narrow(username, roles(rs)));
    }

    /** A PR officer belongs to the PR department (§1): the role is granted only there. */
    private void requirePrDepartment(long departmentId, Set<Role> roles) {
        if (roles.contains(Role.PR_OFFICER) && !department(departmentId).pr()) {
            throw new InvalidRequestException("staff.prOfficerOutsidePr",
                    "PR_OFFICER is held only by staff of the PR department", department(departmentId).code());
        }
    }

    private static Department department(ResultSet rs, int row) throws SQLException {
        return new Department(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getBoolean("is_pr"));
    }
}
