package org.kohogateway.connectors.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.line.LineConnectorContractTest.lineError;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** What only LINE does; what every connector does is in {@link LineConnectorContractTest}. */
class LineConnectorTest {

    private static final String TOKEN = "line-test-channel-token-9f8e7d";
    private static final String BROADCAST = "/v2/bot/message/broadcast";
    private static final String TEXT = "江津市からのお知らせ：本日の水道工事は予定どおり実施します。";

    @RegisterExtension
    static WireMockExtension line = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UUID deliveryKey = UUID.randomUUID();

    // --- publish: success and idempotency

    @Test
    void broadcastsTheTextWithBearerTokenAndDeliveryKeyAsRetryKey() {
        stubBroadcast(okJson("{}").withHeader("X-Line-Request-Id", "req-123"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published("req-123"));
        line.verify(1, postRequestedFor(urlEqualTo(BROADCAST))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Line-Retry-Key", equalTo(deliveryKey.toString()))
                .withRequestBody(matchingJsonPath("$.messages.length()", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.messages[0].type", equalTo("text")))
                .withRequestBody(matchingJsonPath("$.messages[0].text", equalTo(TEXT))));
    }

    @Test
    void usesTheRetryKeyAsPostIdWhenLineSendsNoRequestId() {
        stubBroadcast(okJson("{}"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(deliveryKey.toString()));
    }

    @Test
    void sendsTheSameRetryKeyOnEveryAttemptOfOneDelivery() {
        line.stubFor(post(BROADCAST).inScenario("retry").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        line.stubFor(post(BROADCAST).inScenario("retry").whenScenarioStateIs("recovered")
                .willReturn(okJson("{}").withHeader("X-Line-Request-Id", "req-2")));
        LineConnector connector = connector();
        Publication publication = Publication.text(deliveryKey, TEXT);

        PublishOutcome first = connector.publish(publication);
        PublishOutcome second = connector.publish(publication);

        assertThat(first).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(second).isEqualTo(new PublishOutcome.Published("req-2"));
        assertThat(line.findAll(postRequestedFor(urlEqualTo(BROADCAST))))
                .extracting(request -> request.getHeader("X-Line-Retry-Key"))
                .containsExactly(deliveryKey.toString(), deliveryKey.toString());
    }

    @Test
    void treats409WithAcceptedRequestIdAsPublished() {
        stubBroadcast(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Line-Request-Id", "req-now")
                .withHeader("X-Line-Accepted-Request-Id", "req-first")
                .withBody("{\"message\":\"The retry key is already accepted\"}"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published("req-first"));
    }

    @Test
    void treats409WithoutAcceptedRequestIdAsPermanent() {
        stubBroadcast(lineError(409, "Conflict"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("409", "Conflict");
    }

    // --- publish: links and images

    @Test
    void appendsOnlyTheLinksTheTextDoesNotAlreadyContain() {
        stubBroadcast(okJson("{}"));
        URI inText = URI.create("https://www.city.gotsu.lg.jp/");
        URI extra = URI.create("https://www.city.gotsu.lg.jp/suido/");
        String text = "詳しくは " + inText + " をご覧ください";

        connector().publish(aPublication().deliveryKey(deliveryKey).text(text).links(inText, extra).build());

        line.verify(postRequestedFor(urlEqualTo(BROADCAST))
                .withRequestBody(matchingJsonPath("$.messages[0].text", equalTo(text + "\n" + extra))));
    }

    // --- publish: HTTP errors

    @Test
    void treats429WithoutRetryAfterAsTransientWithoutHint() {
        stubBroadcast(lineError(429, "You have reached your monthly limit."));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .satisfies(t -> assertThat(t.retryAfter()).isEmpty())
                .satisfies(t -> assertThat(t.reason()).contains("429", "monthly limit"));
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDateInThePastAsNoWait() {
        stubBroadcast(lineError(429, "Too many requests").withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ZERO));
    }

    @Test
    void treatsForbiddenAsPermanent() {
        stubBroadcast(lineError(403, "Access to this API is not available for your account"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
    }

    // --- the rest of the connector

    @Test
    void answersThatNoLookUpIsNeededWithoutCallingLine() {
        FindOutcome outcome = connector().findRecent(TEXT, Instant.now(), Set.of());

        assertThat(outcome).asInstanceOf(type(FindOutcome.Unsupported.class))
                .extracting(FindOutcome.Unsupported::reason).asString().contains("X-Line-Retry-Key");
        assertThat(line.getAllServeEvents()).isEmpty();
    }

    // --- settings

    @Test
    void settingsToStringMasksTheToken() {
        LineSettings settings = LineSettings.of(URI.create("https://api.line.me"), TOKEN);

        assertThat(settings.toString()).doesNotContain(TOKEN).contains("https://api.line.me");
    }

    @Test
    void settingsOfUsesFiveSecondConnectAndTenSecondReadTimeouts() {
        LineSettings settings = LineSettings.of(URI.create("https://api.line.me"), TOKEN);

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void settingsRejectBlankTokensNonPositiveTimeoutsAndEndpointsWithAPath() {
        URI endpoint = URI.create("https://api.line.me");
        Duration second = Duration.ofSeconds(1);

        assertThatIllegalArgumentException().isThrownBy(() -> LineSettings.of(endpoint, " "));
        assertThatIllegalArgumentException().isThrownBy(() -> new LineSettings(endpoint, TOKEN, Duration.ZERO, second));
        assertThatIllegalArgumentException().isThrownBy(() -> new LineSettings(endpoint, TOKEN, second, Duration.ofMillis(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> LineSettings.of(URI.create("https://api.line.me/v2"), TOKEN));
        assertThatIllegalArgumentException().isThrownBy(() -> LineSettings.of(URI.create("ftp://api.line.me"), TOKEN));
    }

    private LineConnector connector() {
        return new LineConnector(LineSettings.of(URI.create(line.baseUrl()), TOKEN));
    }

    private static void stubBroadcast(ResponseDefinitionBuilder response) {
        line.stubFor(post(BROADCAST).willReturn(response));
    }
}
