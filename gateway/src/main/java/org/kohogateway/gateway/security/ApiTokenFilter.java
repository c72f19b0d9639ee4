package org.kohogateway.gateway.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kohogateway.gateway.staff.ActingStaff;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer kgw_…} on the API; the grant's roles become the request's authorities,
 * and the request acts as {@link ActingStaff} so the domain, too, sees only those roles.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint unauthenticated;

    ApiTokenFilter(ApiTokens tokens, AuthenticationEntryPoint unauthenticated) {
        this.tokens = tokens;
        this.unauthenticated = unauthenticated;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.Grant> grant = tokens.authenticate(header.substring(7).strip());
        if (grant.isEmpty()) {
            unauthenticated.commence(request, response, new BadCredentialsException("unknown, expired or revoked token"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(grant.get().username(), null,
                grant.get().roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
        authentication.setDetails(grant.get());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        ApiTokens.Grant g = grant.get();
        // the domain sees the person with the token's roles only, and audits the token with each of their acts
        try (var acting = ActingStaff.enter(new ActingStaff(g.username(), g.roles(), g.tokenId(), g.decides()))) {
            chain.doFilter(request, response);
        }
    }
}
