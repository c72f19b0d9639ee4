package org.kohogateway.gateway.staff;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Lets Spring Security authenticate staff against the gateway's own table; roles become ROLE_* authorities. As a
 * password service it stores the re-hash Spring Security makes on a successful login when the stored hash uses an
 * older scheme or a lower cost than {@link PasswordHashing} does today. Not a bean: the login feature's password
 * check wraps it (lockout, second factor), and a bean would invite Spring Security to build a second, unguarded one.
 */
public final class StaffUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final StaffDirectory directory;

    public StaffUserDetailsService(StaffDirectory directory) {
        this.directory = directory;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var credentials = directory.credentials(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(credentials.username())
                .password(credentials.passwordHash())
                .authorities(credentials.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList())
                .build();
    }

    @Override
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        directory.replacePasswordHash(user.getUsername(), newPassword);
        return User.withUserDetails(user).password(newPassword).build();
    }
}
