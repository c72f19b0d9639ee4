package org.kohogateway.gateway.login;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Someone who gave the right password (or came through the city's identity provider) but still owes the second
 * factor. It carries no role, only {@link #AUTHORITY}, and holds the full authentication to put in its place once
 * the code is right; until then the gate lets it reach nothing but the code and enrolment pages.
 */
public final class PendingSecondFactor extends AbstractAuthenticationToken {

    /** The only authority of a pending login. */
    public static final String AUTHORITY = "SECOND_FACTOR_PENDING";

    private final Authentication verified;
    private final boolean enrolled;

    PendingSecondFactor(Authentication verified, boolean enrolled) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.verified = verified;
        this.enrolled = enrolled;
        // the password must not wait in the session with the pending login
        if (verified instanceof CredentialsContainer container) {
            container.eraseCredentials();
        }
        setAuthenticated(true);
    }

    /** True when the person has a confirmed TOTP secret (asked for a code), false when they must enrol first. */
    public boolean enrolled() {
        return enrolled;
    }

    Authentication verified() {
        return verified;
    }

    @Override
    public Object getPrincipal() {
        return verified.getName();
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return verified.getName();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PendingSecondFactor p && p.verified.equals(verified) && p.enrolled == enrolled;
    }

    @Override
    public int hashCode() {
        return verified.hashCode();
    }
}
