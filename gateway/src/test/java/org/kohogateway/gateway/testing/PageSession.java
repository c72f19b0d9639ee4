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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kohogateway.gateway.login.Totp;

/**
 * One person's browser session on the pages, over real HTTP: cookies kept, redirects not followed unless said so,
 * form login (in one call, or step by step with the TOTP code computed from the secret and the session's clock), pages,
 * and forms sent with the CSRF token of the page they are on (or deliberately without it).
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");

    /** Second-factor secrets enrolled through this helper, and the last TOTP step each person used. */
    private static final Map<String, byte[]> SECRETS = new ConcurrentHashMap<>();
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private final int port;
    private final Clock clock;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrfToken;

    private PageSession(int port, Clock clock) {
        this.port = port;
        this.clock = clock;
    }

    /**
     * The clock the gateway under test reads, which types the second-factor codes of sessions made without one: the
     * gateway takes only its clock's step and the next, so codes from the real clock fail once a test has run a minute
     * past the moment its clock was set (as on a busy machine). Set by {@link IntegrationTest} before each test.
     */
    private static volatile Clock gatewayClock = Clock.systemUTC();

    private PageSession(int port) {
        this(port, gatewayClock);
    }

    static void gatewayClock(Clock clock) {
        gatewayClock = clock;
    }

    /** Signs in through the login form; fails the test if the login is refused. */
    public static PageSession login(int port, String username, String password) {
        PageSession session = new PageSession(port);
        assertThat(session.tryLogin(username, password)).as("login of " + username).isTrue();
        return session;
    }

    /**
     * Signs in through the login form, typing the second-factor codes of {@code clock}'s time (a test that moves the
     * gateway's clock); fails the test if the login is refused.
     */
    public static PageSession login(int port, Clock clock, String username, String password) {
        PageSession session = new PageSession(port, clock);
        assertThat(session.tryLogin(username, password)).as("login of " + username).isTrue();
        return session;
    }

    /** A browser that has not signed in: it has a session (and so a CSRF token) but nobody in it. */
    public static PageSession anonymous(int port) {
        return new PageSession(port);
    }

    /**
     * A browser that has not signed in, for logging in step by step ({@link #postLogin}, {@link #enrol},
     * {@link #code}): the TOTP codes it types are those of {@code clock}'s time.
     */
    public static PageSession browser(int port, Clock clock) {
        return new PageSession(port, clock);
    }

    /** Whether the login form accepts these credentials. */
    public static boolean canLogin(int port, String username, String password) {
        return new PageSession(port).tryLogin(username, password);
    }

    private boolean tryLogin(String username, String password) {
        HttpResponse<String> answer = postLogin(username, password);
        String next = location(answer);
        if (answer.statusCode() != 302 || next.contains("error") || next.contains("locked")) {
            return false;
        }
        if (next.endsWith("/login/totp/enrol")) {
            // an ADMIN sets up the second factor first, with the code an authenticator app would show
            String page = page("/login/totp/enrol");
            byte[] secret = secretOn(page);
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
        long step = Math.max(Totp.step(clock.instant()), LAST_STEP.getOrDefault(username, Long.MIN_VALUE) + 1);
        LAST_STEP.put(username, step);
        HttpResponse<String> done = postOn(page, path, "code=" + Totp.code(secret, step));
        return done.statusCode() == 302 && !location(done).contains("/login");
    }

    /** The login form; the answer is the redirect (its {@code Location} says what happened). */
    public HttpResponse<String> postLogin(String username, String password) {
        return post("/login", "/login", "username=" + enc(username) + "&password=" + enc(password));
    }

    /** Sets up the second factor on the enrolment page with the secret it shows; returns that secret. */
    public byte[] enrol() {
        // each visit of the enrolment page makes a new secret: read it and post from the same page
        String page = get("/login/totp/enrol").body();
        byte[] secret = secretOn(page);
        HttpResponse<String> done = postOn(page, "/login/totp/enrol", "code=" + Totp.code(secret, clock.instant()));
        if (done.statusCode() != 302) {
            throw new IllegalStateException("enrolment refused: " + done.statusCode());
        }
        return secret;
    }

    /** Types the code of the clock's current step into the second-factor page. */
    public HttpResponse<String> code(byte[] secret) {
        return code(Totp.code(secret, clock.instant()));
    }

    /** Types this code into the second-factor page; the answer is not followed. */
    public HttpResponse<String> code(String code) {
        return post("/login/totp", "/login/totp", "code=" + enc(code));
    }

    /** The second-factor secret shown on an enrolment page. */
    public static byte[] secretOn(String enrolmentPage) {
        Matcher m = SECRET.matcher(enrolmentPage);
        if (!m.find()) {
            throw new IllegalStateException("no secret on the page");
        }
        return Totp.fromBase32(m.group(1));
    }

    /** Where a redirect leads ({@code ""} if the answer is none). */
    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
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
        return follow(postOn(page(formPage), path, body));
    }

    /** Posts a form with the CSRF token of the page {@code from}, fetched first; the answer is not followed. */
    public HttpResponse<String> post(String from, String path, String body) {
        return postOn(get(from).body(), path, body);
    }

    /**
     * Posts a form with the CSRF token of a page already fetched (whose content must not change); the answer is not
     * followed.
     */
    public HttpResponse<String> postOn(String html, String path, String body) {
        return send(form(path, body + "&_csrf=" + enc(csrf(html))));
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
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return browser.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("page carries a CSRF token").isTrue();
        return m.group(1);
    }
}
