package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

class MetricsIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    DispatchMetrics metrics;

    @Test
    void prometheusShowsTheOutboxSendsLagAndPausesToAuthenticatedCallersOnly() throws Exception {
        World world = data.world();
        data.approvedPost(world, "メトリクス", null, world.lineA());
        dispatcher.drain();
        metrics.refresh();

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (world.auditor() + ":" + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("gateway_sends_total{outcome=\"published\",platform=\"LINE\"}")
                .contains("gateway_deliveries{status=\"SENT\"}")
                .contains("gateway_dispatch_lag_seconds_bucket")
                .contains("gateway_paused ")
                .contains("gateway_circuit_open ");
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
    }
}
