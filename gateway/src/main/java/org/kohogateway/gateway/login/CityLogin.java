package org.kohogateway.gateway.login;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.ProviderSync;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.RoleSeparation;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login through the city's identity provider (OIDC): the person is the member of staff bound to the ID token's
 * (issuer, subject) — on their first such login, the one the configured username claim names, if not bound to another
 * subject — or is created when {@code gateway.login.oidc.create-unknown} says so; and in at least one group mapped to
 * a role, never ADMIN together with a deciding role. Their roles (and department, with a department claim) follow the
 * provider only once the login is complete, second factor included ({@link #completed}), through
 * {@link ProviderSync}'s guards; each change is audited.
 */
@Service
public class CityLogin implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String ROLE_CONFLICT = "role_conflict";
    static final String IDENTITY_MISMATCH = "identity_mismatch";

    private final OidcUserService provider = new OidcUserService();
    private final GroupMapping mapping;
    private final LoginProperties.Oidc settings;
    private final StaffDirectory staff;
    private final ProviderSync sync;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final SecureRandom random = new SecureRandom();

    CityLogin(LoginProperties properties, StaffDirectory staff, ProviderSync sync, AuditTrail audit,
            TransactionTemplate transactions) {
        this.settings = properties.oidc();
        this.mapping = new GroupMapping(settings);
        this.staff = staff;
        this.sync = sync;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** A login through the provider: the staff member it is, and what the provider says of them, to follow later. */
    static final class CityUser extends DefaultOidcUser {

        private final String username;
        private final HashSet<Role> roles;
        private final Long departmentId;

        CityUser(OidcUser user, String username, GroupMapping.Person person, Long departmentId, String nameClaim) {
            super(person.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList(),
                    user.getIdToken(), user.getUserInfo(), nameClaim);
            this.username = username;
            this.roles = new HashSet<>(person.roles());
            this.departmentId = departmentId;
        }

        /** The bound staff member's username, whatever name the claim carries this time. */
        @Override
        public String getName() {
            return username;
        }
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        GroupMapping.Person person = mapping.person(user.getClaims());
        if (!RoleSeparation.allowed(person.roles())) {
            throw GroupMapping.refused(ROLE_CONFLICT, person.username() + "'s groups make an admin a decider");
        }
        Department department = person.departmentCode() == null ? null
                : staff.departmentByCode(person.departmentCode()).orElseThrow(() -> GroupMapping.refused(
                        GroupMapping.UNKNOWN_DEPARTMENT, "no department " + person.departmentCode()));
        String issuer = user.getIdToken().getIssuer().toString();
        String subject = user.getSubject();
        Staff me = staff.findByIdentity(issuer, subject).orElseGet(() -> link(person, department, issuer, subject));
        return new CityUser(user, me.username(), person, department == null ? null : department.id(),
                settings.usernameClaim());
    }

    /** After the whole login (second factor included): the person's roles and department follow the provider. */
    public void completed(Authentication login) {
        if (login.getPrincipal() instanceof CityUser user) {
            sync.follow(user.getName(), Set.copyOf(user.roles), user.departmentId);
        }
    }

    private Staff link(GroupMapping.Person person, Department department, String issuer, String subject) {
        Staff me = staff.findByUsername(person.username()).orElseGet(() -> create(person, department));
        Boolean linked = transactions.execute(tx -> {
            if (!staff.linkIdentity(me.id(), issuer, subject)) {
                return false;
            }
            audit.record(AuditTrail.SYSTEM, "STAFF_IDENTITY_LINKED", "STAFF", me.username(), null, null,
                    Map.of("issuer", issuer, "subject", subject));
            return true;
        });
        if (!Boolean.TRUE.equals(linked)) {
            throw GroupMapping.refused(IDENTITY_MISMATCH, person.username() + " is bound to another subject");
        }
        return me;
    }

    private Staff create(GroupMapping.Person person, Department department) {
        if (!settings.createUnknown()) {
            throw GroupMapping.refused(GroupMapping.UNKNOWN_USER, person.username() + " is not a staff member");
        }
        byte[] unusable = new byte[32];
        random.nextBytes(unusable);
        try {
            // no password anyone knows: this person logs in through the identity provider only; the roles come
            // with the sync after the second factor
            return transactions.execute(tx -> {
                Staff created = staff.addStaff(person.username(), person.username(),
                        Base64.getEncoder().encodeToString(unusable), department.id(), Set.of());
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
}
