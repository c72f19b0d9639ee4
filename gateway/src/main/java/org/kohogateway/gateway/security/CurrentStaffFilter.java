package org.kohogateway.gateway.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.kohogateway.gateway.login.PendingSecondFactor;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Keeps a page session in step with the staff table, which the admin changes while people are signed in: a session
 * whose person was disabled, or whose password or second factor an admin reset after it signed in
 * ({@link SignedInCredentials}), ends at its next request (they are sent to the login page), and one whose roles
 * changed carries the new roles from that request on, so the URL rules never act on roles someone no longer has.
 */
final class CurrentStaffFilter extends OncePerRequestFilter {

    private static final String ROLE = "ROLE_";
    private static final List<String> STATIC = List.of("/css/", "/js/", "/webjars/", "/favicon.ico");

    private final StaffDirectory staff;
    private final SignedInCredentials credentials;
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    CurrentStaffFilter(StaffDirectory staff, SignedInCredentials credentials) {
        this.staff = staff;
        this.credentials = credentials;
    }

    /** Static files are the same for everyone: no need to look the person up for each of them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return STATIC.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
            Optional<Staff> me = staff.findByUsername(signedIn.getName());
            HttpSession session = request.getSession(false);
            if (me.isEmpty() || session != null && !credentials.current(session, signedIn.getName())) {
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            } else if (!(signedIn instanceof PendingSecondFactor)) {
                // a login still owing its second factor holds no roles on purpose: giving it some would let it past
                // the second-factor gate
                refreshRoles(signedIn, me.get(), request, response);
            }
        }
        chain.doFilter(request, response);
    }

    private void refreshRoles(Authentication signedIn, Staff me, HttpServletRequest request,
            HttpServletResponse response) {
        Set<String> current = me.roles().stream().map(r -> ROLE + r.name()).collect(Collectors.toSet());
        Set<String> held = signedIn.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(ROLE)).collect(Collectors.toSet());
        if (current.equals(held)) {
            return;
        }
        // keep what is not a role (how the person authenticated), replace the roles
        List<GrantedAuthority> authorities = new ArrayList<>(signedIn.getAuthorities().stream()
                .filter(a -> !a.getAuthority().startsWith(ROLE)).toList());
        current.stream().sorted().map(SimpleGrantedAuthority::new).forEach(authorities::add);
        UsernamePasswordAuthenticationToken refreshed = UsernamePasswordAuthenticationToken
                .authenticated(signedIn.getPrincipal(), null, authorities);
        refreshed.setDetails(signedIn.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(refreshed);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
