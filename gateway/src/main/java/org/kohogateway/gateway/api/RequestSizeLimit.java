package org.kohogateway.gateway.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.kohogateway.gateway.media.MediaProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies far larger than any post can be, before anything parses them — the API's and the pages'
 * alike, and ahead of Spring Security, whose CSRF check reads form parameters (a multipart upload would otherwise be
 * parsed, unbounded, before anyone is known). A declared {@code Content-Length} is checked up front; a body of
 * unknown length (chunked) is read up to a small limit, so streaming a huge body cannot get around the check, and
 * holds at most that much memory. Someone not signed in gets only the small limit on the pages. The API answers a
 * problem detail, the pages the error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeLimit extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 1024 * 1024;
    /**
     * CSV uploads (the API's and the import page's): the import takes files up to 5 MiB and says so with a 400 or a
     * form error; this bound (6 MiB, room for the multipart envelope and a clear message for a slightly larger file)
     * keeps anything far larger out.
     */
    static final long MAX_IMPORT_BODY_BYTES = 6 * 1024 * 1024;
    /**
     * What someone not signed in may send the pages (the login form, a second-factor code — Spring Security reads the
     * form before anyone is known), and what any body of unknown length may be, since it is read into memory to be
     * measured: large bodies declare their length.
     */
    static final long MAX_UNKNOWN_BODY_BYTES = 64 * 1024;
    private static final java.util.Set<String> IMPORT_UPLOADS = java.util.Set.of("/api/imports", "/imports");
    /** The API's upload and the compose page's photo picker, one image or video each. */
    private static final java.util.Set<String> MEDIA_UPLOADS = java.util.Set.of("/api/media", "/compose/media");
    /** Room for the multipart envelope around an image of the largest size taken, so the upload can say 413 itself. */
    private static final long ENVELOPE_BYTES = 64 * 1024;

    private final long maxMediaBodyBytes;

    RequestSizeLimit(MediaProperties media) {
        this.maxMediaBodyBytes = media.maxAnyUpload() + ENVELOPE_BYTES;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limit(request);
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        if (request.getContentLengthLong() < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            long unknownLimit = Math.min(limit, MAX_UNKNOWN_BODY_BYTES);
            byte[] body = request.getInputStream().readNBytes((int) unknownLimit + 1);
            if (body.length > unknownLimit) {
                tooLarge(request, response, unknownLimit);
                return;
            }
            chain.doFilter(new BufferedBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The API authenticates from headers before it reads a body, so its bounds hold for everyone; the pages' forms are
     * read (for the CSRF token) before anyone is known, so the larger bounds are for a signed-in session only.
     */
    private long limit(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!path.startsWith("/api/") && !signedIn(request)) {
            return MAX_UNKNOWN_BODY_BYTES;
        }
        if (MEDIA_UPLOADS.contains(path)) {
            return maxMediaBodyBytes;
        }
        return IMPORT_UPLOADS.contains(path) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
    }

    private static boolean signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
                && context.getAuthentication() != null && context.getAuthentication().isAuthenticated();
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        if (!request.getRequestURI().startsWith("/api/")) {
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            return;
        }
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.getWriter().write("{\"type\":\"about:blank\",\"status\":413,\"title\":\"Content Too Large\","
                + "\"detail\":\"request body exceeds " + limit + " bytes\"}");
    }

    /** A chunked body, already read (it is within the limit), served again to whatever parses it. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already buffered");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
