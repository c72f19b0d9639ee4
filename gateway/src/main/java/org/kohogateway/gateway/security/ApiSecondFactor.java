package org.kohogateway.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kohogateway.gateway.login.PendingSecondFactor;
import org.kohogateway.gateway.login.SecondFactors;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for someone who owes a second factor: the call carries the current code in {@code X-TOTP} — accepted
 * once, like on the pages, so it suits a one-off call such as an admin issuing the first API token — or it is refused
 * with 401 and the way out (scripts use API tokens). A wrong code counts towards the login lock.
 */
public final class ApiSecondFactor extends OncePerRequestFilter {

    static final String HEADER = "X-TOTP";

    private static final String CHECKED = ApiSecondFactor.class.getName() + ".checked";

    /** Whether this request passed its person's second factor (e.g. to issue a token that may take decisions). */
    public static boolean checked(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(CHECKED));
    }

    /** Answers 401 with the message of this bundle code. */
    interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response, String messageCode) throws IOException;
    }

    private final SecondFactors secondFactors;
    private final Refusal refusal;

    ApiSecondFactor(SecondFactors secondFactors, Refusal refusal) {
        this.secondFactors = secondFactors;
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof PendingSecondFactor pending)) {
            chain.doFilter(request, response);
            return;
        }
        String code = request.getHeader(HEADER);
        if (!pending.enrolled()) {
            refusal.refuse(request, response, "login.basicNeedsEnrolment");
            return;
        }
        if (code == null) {
            refusal.refuse(request, response, "login.basicNeedsCode");
            return;
        }
        switch (secondFactors.check(pending, code)) {
            case SecondFactors.CodeCheck.Passed passed -> {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(passed.login());
                SecurityContextHolder.setContext(context);
                request.setAttribute(CHECKED, Boolean.TRUE);
                chain.doFilter(request, response);
            }
            case SecondFactors.CodeCheck.Locked locked -> refusal.refuse(request, response, "login.locked");
            case SecondFactors.CodeCheck.Wrong wrong -> refusal.refuse(request, response, "login.wrongTotpHeader");
        }
    }
}
