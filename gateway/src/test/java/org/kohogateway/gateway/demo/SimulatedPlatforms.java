package org.kohogateway.gateway.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * WireMock stubs that answer like the real platform APIs, so the demo and the tests go through the real
 * connectors over HTTP. LINE: broadcast (with the request id header the SDK reads), bot info and quota.
 */
public final class SimulatedPlatforms {

    private static SimulatedPlatforms shared;

    private final WireMockServer server;
    private final LineRetryKeys lineRetryKeys = new LineRetryKeys();

    private SimulatedPlatforms(int port) {
        server = new WireMockServer(options().port(port).containerThreads(64).jettyAcceptors(2)
                .extensions(lineRetryKeys));
        server.start();
        stubLine();
    }

    /** One simulator per JVM; tests tell their requests apart by the delivery's retry key. */
    public static synchronized SimulatedPlatforms shared() {
        if (shared == null) {
            shared = new SimulatedPlatforms(0);
        }
        return shared;
    }

    public URI lineEndpoint() {
        return URI.create(server.baseUrl());
    }

    public WireMockServer server() {
        return server;
    }

    /** What the simulated LINE accepted, per retry key. */
    public LineRetryKeys lineRetryKeys() {
        return lineRetryKeys;
    }

    /** Puts the standard answers back after a test replaced some. */
    public void reset() {
        server.resetAll();
        stubLine();
    }

    private void stubLine() {
        server.stubFor(post(urlPathEqualTo("/v2/bot/message/broadcast"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}")
                        .withTransformers(LineRetryKeys.NAME)));
        server.stubFor(get(urlPathEqualTo("/v2/bot/info"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"userId":"U4af4980629a0a0a0a0a0a0a0a0a0a0a0","basicId":"@gotsu-demo",
                                 "displayName":"江津市（デモ）","chatMode":"bot","markAsReadMode":"auto"}
                                """)));
        server.stubFor(get(urlPathEqualTo("/v2/bot/message/quota"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"limited\",\"value\":15000}")));
        server.stubFor(get(urlPathEqualTo("/v2/bot/message/quota/consumption"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"totalUsage\":0}")));
    }
}
