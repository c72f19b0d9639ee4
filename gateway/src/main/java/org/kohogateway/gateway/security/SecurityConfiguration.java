package org.kohogateway.gateway.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The API: HTTP Basic or API tokens, no session, no CSRF token (no cookie to ride on; browsers' cached Basic
     * credentials are kept off by {@link CrossSiteApiRequests}), errors as ProblemDetail.
     */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, ApiTokens tokens) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> problem(response, json,
                HttpStatus.UNAUTHORIZED, "authentication required");
        AccessDeniedHandler denied = (request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN,
                "your roles do not allow this");
        AccessDeniedHandler crossSite = (request, response, e) -> problem(response, json, HttpStatus.FORBIDDEN,
                "the API does not take state changes sent from another site's page");
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/api/tokens/**").hasRole("ADMIN")
                        .requestMatchers("/api/notifications/**").hasRole("ADMIN")
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
                        .requestMatchers(HttpMethod.POST, "/api/accounts/*/department-approve",
                                "/api/accounts/*/department-reject").access(unscopedTokenNeeds("APPROVER"))
                        .requestMatchers(HttpMethod.POST, "/api/accounts/*/pr-approve", "/api/accounts/*/pr-reject")
                        .access(unscopedTokenNeeds("PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/accounts", "/api/accounts/*/submit",
                                "/api/accounts/*/closing").access(unscopedTokenNeeds("POSTER", "APPROVER", "ADMIN"))
                        .requestMatchers(HttpMethod.PUT, "/api/accounts/*/policy")
                        .access(unscopedTokenNeeds("POSTER", "APPROVER", "ADMIN"))
                        .requestMatchers(HttpMethod.POST, "/api/accounts/*/profile-check",
                                "/api/accounts/*/test-connection")
                        .access(unscopedTokenNeeds("POSTER", "APPROVER", "PR_OFFICER", "ADMIN"))
                        .requestMatchers(HttpMethod.POST, "/api/crisis/**").access(unscopedTokenNeeds("ADMIN", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/deliveries/*/resolve", "/api/deliveries/*/delete")
                        .access(unscopedTokenNeeds("ADMIN", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/imports", "/api/imports/*/restart")
                        .access(unscopedTokenNeeds("POSTER", "PR_OFFICER"))
                        .requestMatchers(HttpMethod.POST, "/api/incidents", "/api/incidents/**")
                        .access(unscopedTokenNeeds("ADMIN", "PR_OFFICER", "APPROVER"))
                        .requestMatchers("/api/feed/**").hasAnyRole("PR_OFFICER", "AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/policy/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.DELETE, "/api/policy/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").authenticated()
                        .anyRequest().access(tokenNeeds()))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .addFilterBefore(new CrossSiteApiRequests(crossSite), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenFilter(tokens, unauthenticated), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** The pages: form login with CSRF; only the public account list and health are open. */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffDirectory staff) throws Exception {
        return http
                .addFilterBefore(new CurrentStaffFilter(staff), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/official-accounts", "/official-accounts.json", "/login", "/error",
                                "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/actuator/health/**", "/actuator/health")
                        .permitAll()
                        // the auditor's pages and CSV downloads (session, read-only); the crisis page
                        .requestMatchers("/audit/**", "/audit").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers("/admin/staff/**", "/admin/policy/**", "/admin/notifications/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/admin/**").hasAnyRole("ADMIN", "PR_OFFICER")
                        .requestMatchers("/press-release").hasRole("PR_OFFICER")
                        // writing is the domain's to refuse (posters); admins and auditors read every import
                        .requestMatchers("/imports", "/imports/**")
                        .hasAnyRole("POSTER", "PR_OFFICER", "ADMIN", "AUDITOR")
                        .requestMatchers("/incidents", "/incidents/**")
                        .hasAnyRole("ADMIN", "PR_OFFICER", "APPROVER", "AUDITOR")
                        // the deciders' review (the domain checks department and step); then the requesters' pages
                        .requestMatchers("/accounts/reviews", "/accounts/*/review/**").authenticated()
                        .requestMatchers("/accounts", "/accounts/**").hasAnyRole("POSTER", "APPROVER", "ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
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
