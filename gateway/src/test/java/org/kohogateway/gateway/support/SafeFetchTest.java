package org.kohogateway.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.github.tomakehurst.wiremock.WireMockServer;

class SafeFetchTest {

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());

    /** Tests reach WireMock on loopback under made-up names the resolver seam maps to 127.0.0.1. */
    private final AtomicInteger lookups = new AtomicInteger();
    private final SafeFetch.Resolver toLoopback = host -> {
        lookups.incrementAndGet();
        return new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }) };
    };

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static OutboundProperties properties(boolean allowLoopback, String maxBody) {
        return new OutboundProperties(allowLoopback, 3, DataSize.parse(maxBody), Duration.ofSeconds(5));
    }

    private URI local(String host, String path) {
        return URI.create("http://" + host + ":" + server.port() + path);
    }

    @Test
    void refusesLoopbackPrivateLinkLocalAndMappedAddressesBeforeAnyConnection() {
        server.stubFor(get("/x").willReturn(aResponse().withStatus(200)));
        SafeFetch fetch = new SafeFetch(properties(false, "1MB"));
        for (String url : List.of("https://127.0.0.1:" + server.port() + "/x", "https://localhost:" + server.port()
                + "/x", "https://[::1]:" + server.port() + "/x", "https://[::ffff:127.0.0.1]:" + server.port() + "/x",
                "https://[::ffff:a9fe:a9fe]/latest/meta-data", "https://169.254.169.254/latest/meta-data",
                "https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.1.1/", "https://100.64.0.1/",
                "https://0.0.0.0/", "https://[fd00::1]/", "https://[fe80::1]/", "https://224.0.0.1/",
                "https://[::ffff:10.0.0.1]/", "https://2130706433/", "http://www.city.example.jp/")) {
            assertThatThrownBy(() -> fetch.fetch(SafeFetch.Request.get(URI.create(url), Map.of())))
                    .as(url).isInstanceOf(InvalidRequestException.class)
                    .extracting(e -> ((InvalidRequestException) e).code()).isEqualTo("outbound.unsafeUrl");
        }
        server.verify(0, getRequestedFor(urlEqualTo("/x")));
    }

    @Test
    void refusesANameThatResolvesToAPrivateAddress() {
        SafeFetch fetch = new SafeFetch(properties(false, "1MB"),
                host -> new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 93, (byte) 184, 1, 1 }),
                        InetAddress.getByAddress(host, new byte[] { 10, 0, 0, 7 }) });
        assertThatThrownBy(() -> fetch.fetch(SafeFetch.Request.get(URI.create("https://intranet.example.jp/"),
                Map.of()))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("10.0.0.7");
    }

    @Test
    void refusesANameThatDoesNotResolve() {
        SafeFetch fetch = new SafeFetch(properties(false, "1MB"), host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> fetch.fetch(SafeFetch.Request.get(URI.create("https://nowhere.example.jp/"),
                Map.of()))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void connectsToTheAddressItCheckedWithoutASecondLookup() throws Exception {
        server.stubFor(get("/page").willReturn(aResponse().withStatus(200).withBody("hello")));
        SafeFetch fetch = new SafeFetch(properties(true, "1MB"), toLoopback);
        // the name exists nowhere but in the seam: reaching the server proves the connection used the checked address
        SafeFetch.Answer answer = fetch.fetch(SafeFetch.Request.get(local("press.example.test", "/page"), Map.of()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body())).isEqualTo("hello");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void doesNotFollowARedirectToAnotherHost() throws Exception {
        server.stubFor(get("/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", local("other.example.test", "/target").toString())));
        server.stubFor(get("/target").willReturn(aResponse().withStatus(200)));
        SafeFetch fetch = new SafeFetch(properties(true, "1MB"), toLoopback);
        SafeFetch.Answer answer = fetch.fetch(SafeFetch.Request.get(local("press.example.test", "/moved"), Map.of()));
        assertThat(answer.status()).isEqualTo(302);
        server.verify(0, getRequestedFor(urlEqualTo("/target")));
    }

    @Test
    void followsASameHostRedirectABoundedNumberOfTimes() throws Exception {
        server.stubFor(get("/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
        server.stubFor(get("/new").willReturn(aResponse().withStatus(200).withBody("here")));
        server.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        SafeFetch fetch = new SafeFetch(properties(true, "1MB"), toLoopback);
        SafeFetch.Answer moved = fetch.fetch(SafeFetch.Request.get(local("press.example.test", "/old"), Map.of()));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.url().getPath()).isEqualTo("/new");
        SafeFetch.Answer looping = fetch.fetch(SafeFetch.Request.get(local("press.example.test", "/loop"), Map.of()));
        assertThat(looping.status()).isEqualTo(302);
        server.verify(4, getRequestedFor(urlEqualTo("/loop")));
    }

    @Test
    void cutsOffABodyLongerThanTheBound() throws Exception {
        server.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody("x".repeat(5_000))));
        SafeFetch fetch = new SafeFetch(properties(true, "1KB"), toLoopback);
        SafeFetch.Answer answer = fetch.fetch(SafeFetch.Request.get(local("press.example.test", "/big"), Map.of()));
        assertThat(answer.truncated()).isTrue();
        assertThat(answer.body()).hasSize(1024);
    }

    @Test
    void showsAsLinksOnlyAddressesItWouldFetch() {
        SafeFetch fetch = new SafeFetch(properties(false, "1MB"));
        assertThat(fetch.linkable("https://www.city.example.jp/press/1.html")).isTrue();
        assertThat(fetch.linkable("https://169.254.169.254/latest")).isFalse();
        assertThat(fetch.linkable("https://[::ffff:127.0.0.1]/")).isFalse();
        assertThat(fetch.linkable("https://localhost/")).isFalse();
        assertThat(fetch.linkable("javascript:alert(1)")).isFalse();
        assertThat(fetch.linkable("http://www.city.example.jp/")).isFalse();
    }
}
