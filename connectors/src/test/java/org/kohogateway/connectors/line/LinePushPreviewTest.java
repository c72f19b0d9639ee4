package org.kohogateway.connectors.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class LinePushPreviewTest {

    private static final String TOKEN = "line-test-channel-token-push-77ab";
    private static final String PUSH = "/v2/bot/message/push";
    private static final String BROADCAST = "/v2/bot/message/broadcast";
    private static final String TESTER = "U4af4980629a1b2c3d4e5f60718293a4b";
    private static final String OTHER_TESTER = "U0123456789abcdef0123456789abcdef";
    private static final String TEXT = "【プレビュー】江津市からのお知らせ：本日の水道工事は予定どおり実施します。";

    @RegisterExtension
    static WireMockExtension line = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UUID deliveryKey = UUID.randomUUID();

    @Test
    void pushesTheSameMessagesAsTheBroadcastToTheOneRecipient() {
        stubPush(okJson("{\"sentMessages\":[{\"id\":\"461230966842064897\"},{\"id\":\"461230966842064898\"}]}")
                .withHeader("X-Line-Request-Id", "req-preview"));
        URI link = URI.create("https://www.city.gotsu.lg.jp/suido/");
        URI image = URI.create("https://www.city.gotsu.lg.jp/img/notice.jpg");

        PublishOutcome outcome = connector().pushPreview(TESTER,
                aPublication().deliveryKey(deliveryKey).text(TEXT).links(link).media(image).build());

        assertThat(outcome).isEqualTo(new PublishOutcome.Published("req-preview"));
        line.verify(1, postRequestedFor(urlEqualTo(PUSH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-Line-Retry-Key", equalTo(LineConnector.previewRetryKey(deliveryKey, TESTER).toString()))
                .withRequestBody(matchingJsonPath("$.to", equalTo(TESTER)))
                .withRequestBody(matchingJsonPath("$.messages.length()", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.messages[0].text", equalTo(TEXT + "\n" + link)))
                .withRequestBody(matchingJsonPath("$.messages[1].type", equalTo("image")))
                .withRequestBody(matchingJsonPath("$.messages[1].originalContentUrl", equalTo(image.toString()))));
        line.verify(0, postRequestedFor(urlEqualTo(BROADCAST)));
    }

    @Test
    void theRetryKeyIsStablePerDeliveryAndRecipientAndNeverTheBroadcastKey() {
        UUID key = LineConnector.previewRetryKey(deliveryKey, TESTER);

        assertThat(LineConnector.previewRetryKey(deliveryKey, TESTER)).isEqualTo(key);
        assertThat(LineConnector.previewRetryKey(deliveryKey, OTHER_TESTER)).isNotEqualTo(key);
        assertThat(LineConnector.previewRetryKey(UUID.randomUUID(), TESTER)).isNotEqualTo(key);
        assertThat(key).isNotEqualTo(deliveryKey);
        assertThat(key.version()).isEqualTo(3);
    }

    @Test
    void sendsTheSameRetryKeyWhenThePreviewIsRepeated() {
        stubPush(okJson("{}"));
        Publication publication = Publication.text(deliveryKey, TEXT);

        connector().pushPreview(TESTER, publication);
        connector().pushPreview(TESTER, publication);

        String expected = LineConnector.previewRetryKey(deliveryKey, TESTER).toString();
        line.verify(2, postRequestedFor(urlEqualTo(PUSH)).withHeader("X-Line-Retry-Key", equalTo(expected)));
    }

    @Test
    void usesTheRetryKeyAsIdWhenLineSendsNoRequestId() {
        stubPush(okJson("{}"));

        PublishOutcome outcome = connector().pushPreview(TESTER, Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(LineConnector.previewRetryKey(deliveryKey, TESTER).toString()));
    }

    @Test
    void treatsARepeatedPreviewThatLineAlreadyAcceptedAsPublished() {
        stubPush(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withHeader("X-Line-Accepted-Request-Id", "req-first-preview")
                .withBody("{\"message\":\"The retry key is already accepted\"}"));

        PublishOutcome outcome = connector().pushPreview(TESTER, Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published("req-first-preview"));
    }

    @Test
    void treatsARecipientWhoIsNotAFriendAsPermanent() {
        stubPush(lineError(400, "Failed to send messages"));

        PublishOutcome outcome = connector().pushPreview(TESTER, Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("400", "Failed to send messages");
    }

    @Test
    void treats429AsTransientWithTheRetryAfterDelay() {
        stubPush(lineError(429, "Too many requests").withHeader("Retry-After", "12"));

        PublishOutcome outcome = connector().pushPreview(TESTER, Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ofSeconds(12)));
    }

    @Test
    void treatsAServerErrorAsUnknownSinceThePushMayHaveArrived() {
        stubPush(lineError(503, "Service unavailable"));

        PublishOutcome outcome = connector().pushPreview(TESTER, Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void treatsALostAnswerAsUnknown() {
        stubPush(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        PublishOutcome outcome = connector().pushPreview(TESTER, Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void refusesSomethingThatIsNotAUserIdWithoutCallingLine() {
        for (String notAUser : new String[] {null, "", "U123", "C4af4980629a1b2c3d4e5f60718293a4b", TESTER.toUpperCase()}) {
            PublishOutcome outcome = connector().pushPreview(notAUser, Publication.text(deliveryKey, TEXT));

            assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                    .extracting(PublishOutcome.Permanent::reason).asString().contains("not a LINE user id");
        }
        assertThat(line.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAnEmptyPublicationWithoutCallingLine() {
        PublishOutcome outcome = connector().pushPreview(TESTER, Publication.text(deliveryKey, "  "));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(line.getAllServeEvents()).isEmpty();
    }

    private LineConnector connector() {
        return new LineConnector(LineSettings.of(URI.create(line.baseUrl()), TOKEN));
    }

    private static void stubPush(ResponseDefinitionBuilder response) {
        line.stubFor(post(PUSH).willReturn(response));
    }

    private static ResponseDefinitionBuilder lineError(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\"}");
    }
}
