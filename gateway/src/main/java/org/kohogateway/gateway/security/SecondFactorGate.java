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
 * Holds a login that still owes its second factor at the door: on the pages it reaches only the code and enrolment
 * pages (everything else redirects there), on the API nothing. Runs before authorization, so no page or endpoint —
 * not even one any signed-in person may see — is reached with the password alone.
 */
final class SecondFactorGate extends OncePerRequestFilter {

    /** What to do with a request of a pending login that may not pass. */
    interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response, PendingSecondFactor pending)
                throws IOException;
    }

    private final RequestMatcher open;
    private final Refusal refusal;

    SecondFactorGate(RequestMatcher open, Refusal refusal) {
        this.open = open;
        this.refusal = refusal;
    }

    /** Pages: to the code page, or to enrolment for an ADMIN who has no second factor yet. */
    static Refusal toCodePage() {
        return (request, response, pending) -> response.sendRedirect(request.getContextPath()
                + (pending.enrolled() ? "/login/totp" : "/login/totp/enrol"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof PendingSecondFactor pending && !open.matches(request)) {
            refusal.refuse(request, response, pending);
            return;
        }
        chain.doFilter(request, response);
    }
}
