package org.kohogateway.gateway.login;

import java.util.Optional;

import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.staff.StaffUserDetailsService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Username and password, for the login form and HTTP Basic alike: each attempt is counted towards the lock before its
 * password is looked at, and a locked username is refused unchecked (a locked answer whether or not the password is
 * right, and no bcrypt work for the attacker); a right password takes its count back and either completes the login
 * or — for someone who owes a second factor — becomes a {@link PendingSecondFactor}. Failures are forgotten only when
 * the whole login succeeds, so knowing the password does not buy unlimited guesses at the code. The one
 * authentication provider of the gateway (Spring Security uses this bean for every username/password login).
 */
@Component
class PasswordLogin implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginLockout lockout;
    private final SecondFactors secondFactors;

    PasswordLogin(StaffDirectory staff, PasswordEncoder encoder, LoginLockout lockout, SecondFactors secondFactors) {
        StaffUserDetailsService users = new StaffUserDetailsService(staff);
        // unknown users cost a bcrypt check too and fail like a wrong password (Spring Security's default)
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.passwords.setUserDetailsPasswordService(users);
        this.lockout = lockout;
        this.secondFactors = secondFactors;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        // counted before the (slow) password check, so parallel guesses cannot all pass a check made before any counts
        if (!lockout.reserve(username)) {
            throw new LockedException("login locked after repeated failures");
        }
        Authentication verified;
        try {
            verified = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            if (lockout.confirmFailure(username)) {
                throw new LockedException("login locked after repeated failures");
            }
            throw e;
        } catch (RuntimeException e) {
            // not an answer about the password (the database failed, say): the attempt does not count
            lockout.release(username);
            throw e;
        }
        lockout.release(username);
        Optional<PendingSecondFactor> pending = secondFactors.pendingFor(verified);
        if (pending.isPresent()) {
            return pending.get();
        }
        lockout.reset(username);
        return verified;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
