package org.kohogateway.gateway.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.kohogateway.gateway.login.CityLogin;
import org.kohogateway.gateway.login.LoginSuccess;
import org.kohogateway.gateway.login.SecondFactors;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The API: HTTP Basic or API tokens, no session, no CSRF token (no cookie to ride on; browsers' cached Basic
     * credentials are kept off by {@link CrossSiteApiRequests}), errors as ProblemDetail. Someone who has a second
     * factor (and every ADMIN while admins must have one) adds the current code in {@code X-TOTP} to HTTP Basic, once
     * per code; machines and scripts use API tokens.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, ApiTokens tokens, SecondFactors secondFactors,
            MessageSource messages, LocaleResolver locales) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> problem(response, json,
                HttpStatus.UNAUTHORIZED, e instanceof LockedException
                        ? messages.getMessage("login.locked", null, locale(request, locales))
                        : "authentication required");
        ApiSecondFactor.Refusal secondFactorRefused = (request, response, code) -> problem(response, json,
                HttpStatus.UNAUTHORIZED, messages.getMessage(code, null, locale(request, locales)));
        AccessDeniedHandler denied = (request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN,
                "your roles do not allow this");
        AccessDeniedHandler crossSite = (request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN,
                "the API does not take state changes sent from another site's page");
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        // the records hold every department's posts; holds and disposal: the domain checks who
                        .requestMatchers("/api/records/**").access(beyondAccounts("AUDITOR", "ADMIN"))
                        // people issue their own tokens (a token never mints one); listing and revoking: the domain
                        .requestMatchers(HttpMethod.POST, "/api/tokens/**").access(tokenNeeds())
                        .requestMatchers("/api/tokens/**").authenticated()
                        .requestMatchers("/api/notifications/**").hasRole("ADMIN")
                        // a role grant is confirmed by a second person, an admin or a PR officer (the domain checks who)
                        .requestMatchers(HttpMethod.GET, "/api/staff/grants")
                        .access(beyondAccounts("ADMIN", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/staff/grants/*/confirm", "/api/staff/grants/*/refuse")
                        .access(unscopedTokenNeeds("ADMIN", "PR_OFFICER"))
                        .requestMatchers("/api/staff/**", "/api/departments/**").hasRole("ADMIN")
                        // An API token carries only the roles it was given: checked here, before any body is read.
                        // People are checked by the domain, which also knows departments and separation of duties.
                        // Every state change a token may make is listed; any other is refused to tokens (below).
                        .requestMatchers(HttpMethod.POST, "/api/posts/*/approve", "/api/posts/*/reject",
                                "/api/posts/*/reschedule").access(tokenNeeds("APPROVER", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/posts/*/publish").access(tokenNeeds("PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/posts/*/emergency-override")
                        .access(unscopedTokenNeeds("ADMIN"))
                        .requestMatchers(HttpMethod.POST, "/api/posts", "/api/posts/check", "/api/posts/*/submit",
                                "/api/posts/*/withdraw").access(tokenNeeds("POSTER", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/posts/*/cancel")
                        .access(tokenNeeds("POSTER", "PR_OFFICER", "APPROVER", "ADMIN"))
                        .requestMatchers(HttpMethod.PUT, "/api/posts/*").access(tokenNeeds("POSTER", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/posts/*/preview")
                        .access(unscopedTokenNeeds("POSTER", "PR_OFFICER", "APPROVER"))
                        .requestMatchers(HttpMethod.PUT, "/api/accounts/*/credentials").access(unscopedTokenNeeds("ADMIN"))
                        .requestMatchers(HttpMethod.PUT, "/api/accounts/*/profile-hold")
                        .access(unscopedTokenNeeds("ADMIN", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/accounts/*/department-approve",
                                "/api/accounts/*/department-reject").access(unscopedTokenNeeds("APPROVER"))
                        .requestMatchers(HttpMethod.POST, "/api/accounts/*/pr-approve", "/api/accounts/*/pr-reject")
                        .access(unscopedTokenNeeds("PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/accounts", "/api/accounts/*/submit",
                                "/api/accounts/*/policy-change", "/api/accounts/*/closing").access(unscopedTokenNeeds("POSTER", "APPROVER", "ADMIN"))
                        .requestMatchers(HttpMethod.PUT, "/api/accounts/*/policy")
                        .access(unscopedTokenNeeds("POSTER", "APPROVER", "ADMIN"))
                        .requestMatchers(HttpMethod.POST, "/api/accounts/*/profile-check",
                                "/api/accounts/*/test-connection")
                        .access(unscopedTokenNeeds("POSTER", "APPROVER", "PR_OFFICER", "ADMIN"))
                        .requestMatchers(HttpMethod.POST, "/api/crisis/**").access(unscopedTokenNeeds("ADMIN", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/deliveries/*/resolve", "/api/deliveries/*/delete")
                        .access(unscopedTokenNeeds("ADMIN", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/media").access(tokenNeeds("POSTER", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/imports", "/api/imports/*/restart")
                        .access(unscopedTokenNeeds("POSTER", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/incidents", "/api/incidents/**")
                        .access(unscopedTokenNeeds("ADMIN", "PR_OFFICER", "APPROVER"))
                        // a template's accounts are its department's: a token limited to some accounts stays out
                        .requestMatchers(HttpMethod.POST, "/api/templates", "/api/templates/*/submit",
                                "/api/templates/*/fill").access(unscopedTokenNeeds("POSTER"))
                        .requestMatchers(HttpMethod.PUT, "/api/templates/*").access(unscopedTokenNeeds("POSTER"))
                        .requestMatchers(HttpMethod.POST, "/api/templates/*/approve", "/api/templates/*/reject")
                        .access(unscopedTokenNeeds("APPROVER"))
                        .requestMatchers(HttpMethod.GET, "/api/templates", "/api/templates/*")
                        .access(unscopedTokenNeeds("POSTER", "APPROVER", "PR_OFFICER", "AUDITOR", "ADMIN"))
                        .requestMatchers("/api/feed/**").access(beyondAccounts("PR_OFFICER", "AUDITOR", "ADMIN"))
                        // weather warnings concern the city, no account: any staff, not an account's token
                        .requestMatchers(HttpMethod.GET, "/api/weather/**")
                        .access(beyondAccounts("POSTER", "APPROVER", "PR_OFFICER", "AUDITOR", "ADMIN"))
                        // a weakening of the rules' lists is confirmed by a second person (the domain checks who)
                        .requestMatchers(HttpMethod.POST, "/api/policy/changes/*/confirm",
                                "/api/policy/changes/*/refuse").access(unscopedTokenNeeds("ADMIN", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/policy/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/policy/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/me/notifications")
                        .access(tokenNeeds("POSTER", "APPROVER", "PR_OFFICER", "AUDITOR", "ADMIN"))
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").authenticated()
                        .anyRequest().access(tokenNeeds()))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .addFilterBefore(new CrossSiteApiRequests(crossSite), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenFilter(tokens, unauthenticated), BasicAuthenticationFilter.class)
                .addFilterAfter(new ApiSecondFactor(secondFactors, secondFactorRefused), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The pages: form login with CSRF (or the city's identity provider, when configured), then the TOTP step for whoever
     * owes one; only the public account list and health are open. A locked login gets its own message — the same for
     * a username nobody has, which is counted and locked alike.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffDirectory staff, SignedInCredentials signedIn,
            LoginSuccess loginSuccess, CityLogin cityLogin, ObjectProvider<ClientRegistrationRepository> identityProvider)
            throws Exception {
        String[] open = {"/official-accounts", "/official-accounts.json", "/login", "/error", "/css/**", "/js/**",
                "/webjars/**", "/favicon.ico", "/actuator/health/**", "/actuator/health",
                // signed, expiring image links the platforms fetch (PublicMediaLinks): the token is the credential
                "/media/public/*"};
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> pendingMayReach = new ArrayList<>();
        for (String path : open) {
            pendingMayReach.add(paths.matcher(path));
        }
        pendingMayReach.add(paths.matcher("/login/totp"));
        pendingMayReach.add(paths.matcher("/login/totp/enrol"));
        pendingMayReach.add(paths.matcher("/logout"));
        ExceptionMappingAuthenticationFailureHandler failed = new ExceptionMappingAuthenticationFailureHandler();
        failed.setDefaultFailureUrl("/login?error");
        failed.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        if (identityProvider.getIfAvailable() != null) {
            http.oauth2Login(oidc -> oidc.loginPage("/login")
                    .userInfoEndpoint(user -> user.oidcUserService(cityLogin))
                    .successHandler(loginSuccess)
                    .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                            + "/login?oidc=" + (e instanceof OAuth2AuthenticationException o
                                    ? URLEncoder.encode(o.getError().getErrorCode(), StandardCharsets.UTF_8)
                                    : "failed"))));
        }
        return http
                .addFilterBefore(new CurrentStaffFilter(staff, signedIn), AnonymousAuthenticationFilter.class)
                // a new session id at each login (Spring Security's default), marked with the credentials it used
                .sessionManagement(s -> s.sessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(
                        List.of(new ChangeSessionIdAuthenticationStrategy(), signedIn))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(open).permitAll()
                        // the auditor's pages and CSV downloads (session, read-only); the crisis page
                        .requestMatchers("/audit/**", "/audit").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/records/**", "/records").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/admin/policy/changes", "/admin/policy/changes/**")
                        .hasAnyRole("ADMIN", "PR_OFFICER")
                        .requestMatchers("/admin/staff/**", "/admin/policy/**", "/admin/notifications/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/admin/**").hasAnyRole("ADMIN", "PR_OFFICER")
                        .requestMatchers("/press-release", "/press-release/**").hasRole("PR_OFFICER")
                        // writing is the domain's to refuse (posters); admins and auditors read every import
                        .requestMatchers("/imports", "/imports/**")
                        .hasAnyRole("POSTER", "PR_OFFICER", "ADMIN", "AUDITOR")
                        .requestMatchers("/incidents", "/incidents/**")
                        .hasAnyRole("ADMIN", "PR_OFFICER", "APPROVER", "AUDITOR")
                        // the deciders' review (the domain checks department and step); then the requesters' pages
                        .requestMatchers("/accounts/reviews", "/accounts/*/review/**").authenticated()
                        .requestMatchers("/accounts", "/accounts/**").hasAnyRole("POSTER", "APPROVER", "ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").successHandler(loginSuccess).failureHandler(failed)
                        .permitAll())
                .addFilterBefore(new SecondFactorGate(new OrRequestMatcher(pendingMayReach)), AuthorizationFilter.class)
                // lets tools read /v3/api-docs with the same credentials as the API
                .httpBasic(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * Any signed-in person passes (the domain decides); a token passes only with one of these roles (so with none
     * listed, never).
     */
    private static AuthorizationManager<RequestAuthorizationContext> tokenNeeds(String... roles) {
        return tokenAccess(false, roles);
    }

    /**
     * As {@link #tokenNeeds}, and a token limited to some accounts never passes: these actions reach beyond one
     * post's accounts (crisis, account registry, credentials), so only unlimited tokens may take them.
     */
    private static AuthorizationManager<RequestAuthorizationContext> unscopedTokenNeeds(String... roles) {
        return tokenAccess(true, roles);
    }

    /**
     * Holders of one of these roles, not through a token limited to some accounts: what such a route reads belongs to
     * no account (the feed's polls, the role grants), so it is out of an account's token's reach, as the actions of
     * {@link #unscopedTokenNeeds} are.
     */
    private static AuthorizationManager<RequestAuthorizationContext> beyondAccounts(String... roles) {
        return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAnyRole(roles),
                unscopedTokenNeeds(roles));
    }

    private static AuthorizationManager<RequestAuthorizationContext> tokenAccess(boolean unscopedOnly,
            String... roles) {
        Set<String> needed = Arrays.stream(roles).map(r -> "ROLE_" + r).collect(Collectors.toSet());
        return (authentication, context) -> {
            Authentication a = authentication.get();
            if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
                return new AuthorizationDecision(false);
            }
            if (!(a.getDetails() instanceof ApiTokens.Grant grant)) {
                return new AuthorizationDecision(true);
            }
            if (unscopedOnly && grant.accountIds() != null) {
                return new AuthorizationDecision(false);
            }
            return new AuthorizationDecision(a.getAuthorities().stream()
                    .anyMatch(g -> needed.contains(g.getAuthority())));
        };
    }

    /** An API client's {@code Accept-Language}, else the pages' choice (Japanese unless the person chose English). */
    private static Locale locale(HttpServletRequest request, LocaleResolver locales) {
        return request.getHeader("Accept-Language") != null ? request.getLocale() : locales.resolveLocale(request);
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, JsonMapper json, HttpStatus status,
            String detail) throws java.io.IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"koho-gateway\"");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
