package org.kohogateway.connectors.line;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A pause promises that no request leaves once it has been applied. The gateway checks the pause before it
 * calls the connector, so a request must not wait inside the HTTP client (OkHttp's dispatcher lets only five
 * requests per host run by default) and leave later, after a pause the caller already honoured.
 */
class LineConcurrencyTest {

    private static final String TOKEN = "line-test-channel-token-concurrency";
    private static final String BROADCAST = "/v2/bot/message/broadcast";
    private static final int CONCURRENT = 12;
    private static final int ANSWER_DELAY_MILLIS = 2000;

    @RegisterExtension
    static WireMockExtension line = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(CONCURRENT * 3)).build();

    @Test
    void everyConcurrentPublishLeavesAtOnceInsteadOfQueueingInsideTheHttpClient() throws Exception {
        line.stubFor(post(BROADCAST).willReturn(okJson("{}").withFixedDelay(ANSWER_DELAY_MILLIS)));
        LineConnector connector = new LineConnector(LineSettings.of(URI.create(line.baseUrl()), TOKEN));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PublishOutcome>> outcomes = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONCURRENT; i++) {
                outcomes.add(callers.submit(() -> {
                    start.await();
                    return connector.publish(Publication.text(UUID.randomUUID(), "お知らせ"));
                }));
            }
            start.countDown();
            for (Future<PublishOutcome> outcome : outcomes) {
                assertThat(outcome.get()).isInstanceOf(PublishOutcome.Published.class);
            }
        }

        List<Long> arrivals = line.findAll(postRequestedFor(urlEqualTo(BROADCAST))).stream()
                .map(LoggedRequest::getLoggedDate).map(Date::getTime).sorted().toList();
        assertThat(arrivals).hasSize(CONCURRENT);
        // A request held back by the client arrives only when an earlier one has been answered.
        assertThat(arrivals.getLast() - arrivals.getFirst()).isLessThan(ANSWER_DELAY_MILLIS / 2);
    }

    @Test
    void settingsRefuseFewerThanOneConcurrentRequestAndDefaultToTheGatewaysRequestsInFlight() {
        URI endpoint = URI.create("https://api.line.me");

        assertThatIllegalArgumentException().isThrownBy(() -> new LineSettings(endpoint, TOKEN,
                LineSettings.DEFAULT_CONNECT_TIMEOUT, LineSettings.DEFAULT_READ_TIMEOUT, 0));
        assertThat(LineSettings.of(endpoint, TOKEN).maxConcurrentRequests()).isEqualTo(64);
    }
}
