package org.kohogateway.gateway.login;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.staff.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param lockout when failed logins lock a username
 * @param totp    the TOTP second factor
 * @param oidc    how a login through the city's identity provider becomes a staff member (the provider itself is
 *                Spring's {@code spring.security.oauth2.client.registration.city.*}; OIDC login is off without it)
 */
@Validated
@ConfigurationProperties("gateway.login")
record LoginProperties(@DefaultValue @Valid Lockout lockout, @DefaultValue @Valid TotpSettings totp,
        @DefaultValue @Valid Oidc oidc) {

    /**
     * @param maxFailures failed attempts (wrong password or wrong second-factor code) within {@code window} that lock
     *                    the username (default 5)
     * @param window      how long failures are counted from the first one (default 15m)
     * @param duration    how long a lock lasts (default 15m); an admin can lift it earlier
     */
    record Lockout(@DefaultValue("5") @Min(1) @Max(100) int maxFailures,
            @DefaultValue("15m") @NotNull Duration window,
            @DefaultValue("15m") @NotNull Duration duration) {
    }

    /**
     * @param requiredForAdmins an ADMIN must have a second factor: one without is made to enrol right after the
     *                          password (default true)
     * @param issuer            the name authenticator apps show next to the code (default "Koho Gateway")
     */
    record TotpSettings(@DefaultValue("true") boolean requiredForAdmins,
            @DefaultValue("Koho Gateway") @NotBlank String issuer) {
    }

    /**
     * @param usernameClaim   the ID-token claim holding the staff username (default {@code preferred_username}; use
     *                        {@code email} where usernames are e-mail addresses)
     * @param groupsClaim     the claim listing the person's groups (default {@code groups})
     * @param groupRoles      group name to the gateway roles it grants; a login with no mapped group is refused
     * @param departmentClaim the claim holding the person's department code; when set, the staff member's department
     *                        follows it (unset: the department stays as registered)
     * @param createUnknown   create a staff member for a person the gateway does not know (default false: refused);
     *                        needs {@code departmentClaim}
     */
    record Oidc(@DefaultValue("preferred_username") @NotBlank String usernameClaim,
            @DefaultValue("groups") @NotBlank String groupsClaim,
            @DefaultValue Map<String, Set<Role>> groupRoles,
            @Nullable String departmentClaim,
            @DefaultValue("false") boolean createUnknown) {

        Oidc {
            if (createUnknown && (departmentClaim == null || departmentClaim.isBlank())) {
                throw new IllegalArgumentException(
                        "gateway.login.oidc.create-unknown needs gateway.login.oidc.department-claim");
            }
        }
    }
}
