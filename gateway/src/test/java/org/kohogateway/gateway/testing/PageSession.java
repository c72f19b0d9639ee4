package org.kohogateway.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kohogateway.gateway.login.Totp;

/**
 * One person's browser session on the pages, over real HTTP: form login, pages, and forms sent with the CSRF token of
 * the page they are on (or deliberately without it).
 */
public final class PageSession {

    /** Second-factor secrets enrolled through this helper, and the last TOTP step each person used. */
    private static final Map<String, byte[]> SECRETS = new ConcurrentHashMap<>();
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private final int port;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrfToken;

    private PageSession(int port) {
        this.port = port;
    }

    /** Signs in through the login form; fails the test if the login is refused. */
    public static PageSession login(int port, String username, String password) {
        PageSession session = new PageSession(port);
        assertThat(session.tryLogin(username, password)).as("login of " + username).isTrue();
        return session;
    }

    /** A browser that has not signed in: it has a session (and so a CSRF token) but nobody in it. */
    public static PageSession anonymous(int port) {
        return new PageSession(port);
    }

    /** Whether the login form accepts these credentials. */
    public static boolean canLogin(int port, String username, String password) {
        return new PageSession(port).tryLogin(username, password);
    }

    private boolean tryLogin(String username, String password) {
        String token = csrf(get("/login").body());
        HttpResponse<String> answer = send(form("/login", "username=" + enc(username) + "&password=" + enc(password)
                + "&_csrf=" + enc(token)));
        String next = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || next.contains("error") || next.contains("locked")) {
            return false;
        }
        if (next.endsWith("/login/totp/enrol")) {
            // an ADMIN sets up the second factor first, with the code an authenticator app would show
            String page = page("/login/totp/enrol");
            byte[] secret = Browser.secretOn(page);
            SECRETS.put(username, secret);
            return secondFactor("/login/totp/enrol", page, username, secret);
        }
        if (next.endsWith("/login/totp")) {
            byte[] secret = SECRETS.get(username);
            assertThat(secret).as("the second-factor secret this test enrolled for " + username).isNotNull();
            return secondFactor("/login/totp", page("/login/totp"), username, secret);
        }
        return true;
    }

    /**
     * Types a code no earlier login of this person used (the gateway takes each step once; it accepts one step
     * ahead, so two logins within 30 s still pass).
     */
    private boolean secondFactor(String path, String page, String username, byte[] secret) {
        long step = Math.max(Totp.step(Instant.now()), LAST_STEP.getOrDefault(username, Long.MIN_VALUE) + 1);
        LAST_STEP.put(username, step);
        HttpResponse<String> done = send(form(path, "code=" + Totp.code(secret, step) + "&_csrf=" + enc(csrf(page))));
        return done.statusCode() == 302 && !done.headers().firstValue("Location").orElse("").contains("/login");
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    }

    /** GETs a page and returns its body, asserting it rendered. */
    public String page(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /**
     * Posts a form with the CSRF token of {@code formPage} and follows the redirect, if any: the page that shows the
     * outcome, or the rendered form with its error.
     */
    public HttpResponse<String> submit(String formPage, String path, String body) {
        String token = csrf(page(formPage));
        return follow(send(form(path, body + "&_csrf=" + enc(token))));
    }

    private HttpResponse<String> follow(HttpResponse<String> response) {
        if (response.statusCode() == 302) {
            String location = response.headers().firstValue("Location").orElseThrow();
            URI target = URI.create(location);
            return get(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        }
        return response;
    }

    /**
     * Sends any request in this session with its CSRF token in {@code X-CSRF-TOKEN} (read from the sign-in page), so
     * that what answers is the authorization, not the CSRF check; redirects are not followed.
     */
    public HttpResponse<String> sendWithSessionToken(String method, String path, String body, String contentType,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
                .header("X-CSRF-TOKEN", sessionToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Once per session: concurrent first requests would each start a session of their own. */
    private synchronized String sessionToken() {
        if (csrfToken == null) {
            // the home page carries the token once signed in; the sign-in page before
            HttpResponse<String> home = get("/");
            csrfToken = csrf(home.statusCode() == 200 ? home.body() : get("/login").body());
        }
        return csrfToken;
    }

    /** Posts a form without a CSRF token, as a forged cross-site request would. */
    public HttpResponse<String> submitWithoutToken(String path, String body) {
        return send(form(path, body));
    }

    /**
     * Uploads a file as a browser sends a {@code multipart/form-data} form, with the CSRF token of {@code formPage}
     * among the fields, and follows the redirect, if any.
     */
    public HttpResponse<String> upload(String formPage, String path, Map<String, String> fields, String fileName,
            byte[] content) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrf(page(formPage)));
        return follow(uploadWithoutToken(path, withToken, fileName, content));
    }

    /** The same upload without a CSRF token. */
    public HttpResponse<String> uploadWithoutToken(String path, Map<String, String> fields, String fileName,
            byte[] content) {
        String boundary = "----koho" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** GETs a path as htmx does, with {@code HX-Request: true}. */
    public HttpResponse<String> htmx(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").header("HX-Request", "true")
                .GET().build());
    }

    /** GETs a download as bytes. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return browser.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The error shown on one form ({@code <p id="form-error">}, from {@code layout :: formError}). */
    public static String formError(String html, String form) {
        int start = html.indexOf("id=\"" + form + "-error\"");
        assertThat(start).as("form " + form + " shows an error").isPositive();
        return html.substring(start, html.indexOf("</p>", start));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page carries a CSRF token").isTrue();
        return m.group(1);
    }
}
