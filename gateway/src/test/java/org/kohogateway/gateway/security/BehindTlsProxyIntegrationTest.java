package org.kohogateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;

/**
 * Behind the TLS proxy docs/operations.md describes (it sends {@code X-Forwarded-Proto: https}): the session cookie is
 * {@code Secure} and {@code SameSite=Lax}, and answers carry HSTS; over plain HTTP (the demo) the cookie still works.
 */
class BehindTlsProxyIntegrationTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void behindTheTlsProxyTheSessionCookieIsSecureAndSameSiteLaxAndHstsIsSent() throws Exception {
        HttpResponse<String> login = loginPage("https");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(c -> assertThat(c).contains("; Secure").contains("SameSite=Lax")
                        .contains("HttpOnly"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
    }

    @Test
    void overPlainHttpTheSessionCookieIsSameSiteLaxWithoutSecureAndNoHsts() throws Exception {
        HttpResponse<String> login = loginPage(null);

        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(c -> assertThat(c).doesNotContain("Secure").contains("SameSite=Lax"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private HttpResponse<String> loginPage(String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
