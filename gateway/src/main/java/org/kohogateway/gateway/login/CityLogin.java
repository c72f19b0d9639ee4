package org.kohogateway.gateway.login;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login through the city's identity provider (OIDC): the person must be a known staff member (matched by the
 * configured username claim) — or is created when {@code gateway.login.oidc.create-unknown} says so — and in at least
 * one group mapped to a role. Their roles (and department, with a department claim) then follow the provider: each
 * change is written to the staff tables and audited, so the domain's own checks see what the provider says.
 */
@Service
public class CityLogin implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final GroupMapping mapping;
    private final LoginProperties.Oidc settings;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    CityLogin(LoginProperties properties, StaffDirectory staff, AuditTrail audit, TransactionTemplate transactions) {
        this.settings = properties.oidc();
        this.mapping = new GroupMapping(settings);
        this.staff = staff;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        GroupMapping.Person person = mapping.person(user.getClaims());
        Department department = person.departmentCode() == null ? null
                : staff.departmentByCode(person.departmentCode()).orElseThrow(() -> GroupMapping.refused(
                        GroupMapping.UNKNOWN_DEPARTMENT, "no department " + person.departmentCode()));
        Staff me = staff.findByUsername(person.username()).orElseGet(() -> create(person, department));
        transactions.executeWithoutResult(tx -> follow(me, person, department));
        return new DefaultOidcUser(person.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList(), user.getIdToken(), user.getUserInfo(), settings.usernameClaim());
    }

    private Staff create(GroupMapping.Person person, Department department) {
        if (!settings.createUnknown()) {
            throw GroupMapping.refused(GroupMapping.UNKNOWN_USER, person.username() + " is not a staff member");
        }
        byte[] unusable = new byte[32];
        random.nextBytes(unusable);
        try {
            // no password anyone knows: this person logs in through the identity provider only
            return transactions.execute(tx -> {
                Staff created = staff.addStaff(person.username(), person.username(),
                        Base64.getEncoder().encodeToString(unusable), department.id(), person.roles());
                audit.record(AuditTrail.SYSTEM, "STAFF_CREATED_FROM_IDP", "STAFF", person.username(), null, "ENABLED",
                        Map.of("department", department.code(), "roles", person.roles().stream().sorted()
                                .map(Enum::name).toList()));
                return created;
            });
        } catch (DataIntegrityViolationException e) {
            // the username exists but is disabled: a disabled member of staff stays out
            throw GroupMapping.refused(GroupMapping.UNKNOWN_USER, person.username() + " is not an enabled staff member");
        }
    }

    private void follow(Staff me, GroupMapping.Person person, Department department) {
        Map<String, Object> changes = new LinkedHashMap<>();
        // the department first: the roles are checked against it (PR_OFFICER is held only in the PR department)
        Optional.ofNullable(department).filter(d -> d.id() != me.departmentId()).ifPresent(d -> {
            staff.moveToDepartment(me.id(), d.id());
            changes.put("department", d.code());
            changes.put("previousDepartment", staff.department(me.departmentId()).code());
        });
        if (!me.roles().equals(person.roles())) {
            staff.replaceRoles(me.id(), person.roles());
            changes.put("roles", person.roles().stream().sorted().map(Enum::name).toList());
            changes.put("previousRoles", me.roles().stream().sorted().map(Enum::name).toList());
        }
        if (!changes.isEmpty()) {
            audit.record(AuditTrail.SYSTEM, "STAFF_SYNCED_FROM_IDP", "STAFF", me.username(), null, null, changes);
        }
    }
}
