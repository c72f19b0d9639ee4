package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.security.TokenScope;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The {@link Readers} of an API request: the person, with the roles the request carries (a token may carry fewer than
 * its person holds, and then reads no more than those give) and the token's accounts.
 */
@Component
class ApiReaders {

    private final StaffDirectory staff;

    ApiReaders(StaffDirectory staff) {
        this.staff = staff;
    }

    Readers of(Principal principal) {
        Staff me = staff.byUsername(principal.getName());
        return Readers.of(me, actingRoles(me), TokenScope.accountIds());
    }

    /** The person's roles that the request's authorities also carry (both kept current by the security filters). */
    private static Set<Role> actingRoles(Staff me) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Set<String> authorities = authentication == null ? Set.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        return me.roles().stream().filter(role -> authorities.contains("ROLE_" + role.name()))
                .collect(Collectors.toSet());
    }
}
