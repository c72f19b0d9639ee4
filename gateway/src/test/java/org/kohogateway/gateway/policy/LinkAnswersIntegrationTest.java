package org.kohogateway.gateway.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;

import com.github.tomakehurst.wiremock.WireMockServer;

import tools.jackson.databind.JsonNode;

/**
 * Guideline §3-④: a link that does not answer is a warning for the approver, fetched when the approver looks (the
 * inbox, {@code GET /api/posts/{id}}), once per link for a while, and never while the poster types. The city's web
 * server is WireMock on loopback, under the simulated city host.
 */
class LinkAnswersIntegrationTest extends IntegrationTest {

    private WireMockServer site;

    @BeforeEach
    void startTheSite() {
        site = new WireMockServer(options().dynamicPort());
        site.start();
        site.stubFor(any(urlPathEqualTo("/ok.html")).willReturn(aResponse().withStatus(200).withBody("<p>ok</p>")));
        site.stubFor(any(urlPathEqualTo("/gone.html")).willReturn(aResponse().withStatus(404)));
        site.stubFor(any(urlPathEqualTo("/slow.html")).willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
    }

    @AfterEach
    void stopTheSite() {
        site.stop();
    }

    private String page(String path) {
        return "http://" + SimulatedPlatforms.CITY_PAGES_HOST + ":" + site.port() + path;
    }

    @Test
    void theApproverIsWarnedOfLinksThatDoNotAnswerAndThePosterTypingFetchesNothing() {
        World world = data.world();
        Api poster = api(world.poster());
        Map<String, Object> request = Map.of(
                "text", "年末年始のごみ収集のお知らせ " + page("/ok.html") + " 収集日程 " + page("/gone.html"),
                "links", List.of(page("/slow.html")), "category", "NOTICE",
                "accountIds", List.of(world.lineA().id()));

        var check = poster.post("/api/posts/check", Api.json(request));
        assertThat(check.status()).isEqualTo(200);
        assertThat(rules(check.json())).doesNotContain("LINK_NOT_ANSWERING");
        var created = poster.post("/api/posts", Api.json(request));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(poster.post("/api/posts/" + id + "/submit", null).status()).isEqualTo(200);
        assertThat(site.findAll(anyRequestedFor(anyUrl()))).as("composing and submitting fetch nothing").isEmpty();

        var seen = api(world.approver()).get("/api/posts/" + id);
        assertThat(seen.status()).isEqualTo(200);
        List<String> warned = new ArrayList<>();
        for (JsonNode finding : seen.json().get("findings")) {
            if ("LINK_NOT_ANSWERING".equals(finding.get("rule").asString())) {
                assertThat(finding.get("severity").asString()).isEqualTo("WARN");
                warned.add(finding.get("values").get(0).asString());
            }
        }
        assertThat(warned).containsExactlyInAnyOrder(page("/gone.html"), page("/slow.html"));

        String inbox = PageSession.login(port, world.approver(), TestData.PASSWORD).page("/inbox");
        assertThat(inbox).contains("/gone.html").contains("応答");
        assertThat(site.findAll(anyRequestedFor(urlPathEqualTo("/gone.html")))).as("fetched once, then remembered")
                .hasSize(1);
        assertThat(site.findAll(anyRequestedFor(urlPathEqualTo("/ok.html")))).hasSize(1);
    }

    private static List<String> rules(JsonNode findings) {
        return Api.each(findings, "rule");
    }
}
