package org.kohogateway.gateway.security;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state changes on the API that a browser sends on behalf of another site. The API has no CSRF token
 * because it takes no session cookie, but a browser that once answered its HTTP Basic prompt resends those
 * credentials by itself, so a page elsewhere could make an approver's browser approve a post. Browsers say where a
 * request comes from ({@code Sec-Fetch-Site}, {@code Origin}); machine clients send neither and pass.
 */
final class CrossSiteApiRequests extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> FOREIGN_FETCH_SITES = Set.of("cross-site", "same-site");

    private final AccessDeniedHandler denied;

    CrossSiteApiRequests(AccessDeniedHandler denied) {
        this.denied = denied;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod()) && fromAnotherSite(request)) {
            denied.handle(request, response, new AccessDeniedException("cross-site request"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            // the browser's own verdict, right behind a TLS-terminating proxy too
            return FOREIGN_FETCH_SITES.contains(fetchSite);
        }
        // older browsers, and plain http off localhost, send no Sec-Fetch-Site
        String origin = request.getHeader("Origin");
        return origin != null && !sameOrigin(origin, request);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI o = URI.create(origin);
            return request.getScheme().equalsIgnoreCase(o.getScheme())
                    && request.getServerName().equalsIgnoreCase(o.getHost())
                    && request.getServerPort() == port(o);
        } catch (IllegalArgumentException e) {
            // "null" (a sandboxed or file page) and garbage are not this site
            return false;
        }
    }

    private static int port(URI origin) {
        if (origin.getPort() != -1) {
            return origin.getPort();
        }
        return "https".equalsIgnoreCase(origin.getScheme()) ? 443 : 80;
    }
}
