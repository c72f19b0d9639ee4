package org.kohogateway.gateway.login;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.staff.Role;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Reads who someone is from the city identity provider's ID-token claims: the username, the gateway roles their
 * groups map to, and (if configured) their department code. Refusals are {@link OAuth2AuthenticationException}s whose
 * error code the login page turns into a message ({@code login.oidc.<code>}).
 */
final class GroupMapping {

    static final String NO_USERNAME = "no_username";
    static final String NO_MAPPED_GROUP = "no_mapped_group";
    static final String NO_DEPARTMENT = "no_department";
    static final String UNKNOWN_USER = "unknown_user";
    static final String UNKNOWN_DEPARTMENT = "unknown_department";

    private final LoginProperties.Oidc settings;

    GroupMapping(LoginProperties.Oidc settings) {
        this.settings = settings;
    }

    /** @param departmentCode null when no department claim is configured */
    record Person(String username, Set<Role> roles, @Nullable String departmentCode) {
    }

    Person person(Map<String, Object> claims) {
        String username = text(claims.get(settings.usernameClaim()));
        if (username == null) {
            throw refused(NO_USERNAME, "the ID token has no " + settings.usernameClaim() + " claim");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String group : groups(claims.get(settings.groupsClaim()))) {
            roles.addAll(settings.groupRoles().getOrDefault(group, Set.of()));
        }
        if (roles.isEmpty()) {
            throw refused(NO_MAPPED_GROUP, username + " is in no group that maps to a gateway role");
        }
        String department = null;
        if (settings.departmentClaim() != null && !settings.departmentClaim().isBlank()) {
            department = text(claims.get(settings.departmentClaim()));
            if (department == null) {
                throw refused(NO_DEPARTMENT, "the ID token has no " + settings.departmentClaim() + " claim");
            }
        }
        return new Person(username, roles, department);
    }

    static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
    }

    /** A JSON array of names, or one string of names separated by commas or spaces (both occur in the wild). */
    private static Collection<String> groups(Object claim) {
        if (claim instanceof Collection<?> names) {
            return names.stream().map(String::valueOf).map(String::strip).toList();
        }
        if (claim instanceof String names) {
            return Arrays.stream(names.split("[,\\s]+")).filter(n -> !n.isBlank()).toList();
        }
        return java.util.List.of();
    }

    private static String text(@Nullable Object claim) {
        return claim == null || claim.toString().isBlank() ? null : claim.toString().strip();
    }
}
