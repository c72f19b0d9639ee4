package org.kohogateway.gateway.login;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Where a first-factor login goes next, for the login form and the city's identity provider alike: to the code page
 * (or enrolment) when the person owes a second factor, else home. A login from the identity provider that owes one is
 * turned into a {@link PendingSecondFactor} here (a password login already is one).
 */
@Component
public class LoginSuccess implements AuthenticationSuccessHandler {

    private final SecondFactors secondFactors;
    private final CityLogin cityLogin;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    LoginSuccess(SecondFactors secondFactors, CityLogin cityLogin) {
        this.secondFactors = secondFactors;
        this.cityLogin = cityLogin;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        Authentication current = authentication;
        if (!(current instanceof PendingSecondFactor)) {
            Optional<PendingSecondFactor> pending = secondFactors.pendingFor(current);
            if (pending.isPresent()) {
                current = pending.get();
                replace(request, response, current);
            }
        }
        if (!(current instanceof PendingSecondFactor)) {
            // the login is complete: the provider's roles apply now (else after the second factor)
            cityLogin.completed(current);
        }
        String next = current instanceof PendingSecondFactor p ? (p.enrolled() ? "/login/totp" : "/login/totp/enrol")
                : "/";
        response.sendRedirect(request.getContextPath() + next);
    }

    /** Puts this login in place of the session's current one, under a new session id. */
    void replace(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        repository.saveContext(context, request, response);
    }
}
