package org.kohogateway.gateway.testing;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kohogateway.gateway.login.Totp;

/**
 * A person at the pages over real HTTP: cookies kept, redirects not followed (tests look at where they lead), the CSRF
 * token read from the page before each form, the TOTP code computed from the secret and the test's clock.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");

    private final int port;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    public Browser(int port, Clock clock) {
        this.port = port;
        this.clock = clock;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    }

    /** Posts the form with the CSRF token of the page {@code from}, fetched first. */
    public HttpResponse<String> post(String from, String path, String form) {
        return submit(get(from).body(), path, form);
    }

    /** Posts the form with the CSRF token of a page already fetched (whose content must not change). */
    public HttpResponse<String> submit(String page, String path, String form) {
        String token = csrf(page);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(token))).build());
    }

    /** The login form; the answer is the redirect (its {@code Location} says what happened). */
    public HttpResponse<String> login(String username, String password) {
        return post("/login", "/login", "username=" + enc(username) + "&password=" + enc(password));
    }

    /** Sets up the second factor on the enrolment page with the secret it shows; returns that secret. */
    public byte[] enrol() {
        // each visit of the enrolment page makes a new secret: read it and post from the same page
        String page = get("/login/totp/enrol").body();
        byte[] secret = secretOn(page);
        HttpResponse<String> done = submit(page, "/login/totp/enrol", "code=" + Totp.code(secret, clock.instant()));
        if (done.statusCode() != 302) {
            throw new IllegalStateException("enrolment refused: " + done.statusCode());
        }
        return secret;
    }

    /** Types the code of the current step into the second-factor page. */
    public HttpResponse<String> code(byte[] secret) {
        return code(Totp.code(secret, clock.instant()));
    }

    public HttpResponse<String> code(String code) {
        return post("/login/totp", "/login/totp", "code=" + enc(code));
    }

    public static byte[] secretOn(String enrolmentPage) {
        Matcher m = SECRET.matcher(enrolmentPage);
        if (!m.find()) {
            throw new IllegalStateException("no secret on the page");
        }
        return Totp.fromBase32(m.group(1));
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("page carries no CSRF token");
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
