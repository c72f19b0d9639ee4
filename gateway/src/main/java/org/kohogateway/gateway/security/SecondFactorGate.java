package org.kohogateway.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kohogateway.gateway.login.PendingSecondFactor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a page login that still owes its second factor at the door: it reaches only the code and enrolment pages
 * (and what is open to everyone); everything else redirects there, or is refused with 401 for HTTP Basic. Runs
 * before authorization, so no page — not even one any signed-in person may see — is reached with the password alone.
 */
final class SecondFactorGate extends OncePerRequestFilter {

    private final RequestMatcher open;

    SecondFactorGate(RequestMatcher open) {
        this.open = open;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof PendingSecondFactor pending && !open.matches(request)) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                // a tool (API docs, metrics scraper) with HTTP Basic has no session to finish a login in
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            response.sendRedirect(request.getContextPath()
                    + (pending.enrolled() ? "/login/totp" : "/login/totp/enrol"));
            return;
        }
        chain.doFilter(request, response);
    }
}
