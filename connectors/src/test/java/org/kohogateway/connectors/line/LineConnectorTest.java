package org.kohogateway.connectors.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class LineConnectorTest {

    private static final String TOKEN = "line-test-channel-token-9f8e7d";
    private static final String BROADCAST = "/v2/bot/message/broadcast";
    private static final String BOT_INFO = "/v2/bot/info";
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

        assertThat(first).isInstanceOf(PublishOutcome.Transient.class);
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

        connector().publish(new Publication(deliveryKey, text, List.of(inText, extra), List.of(), false));

        line.verify(postRequestedFor(urlEqualTo(BROADCAST))
                .withRequestBody(matchingJsonPath("$.messages[0].text", equalTo(text + "\n" + extra))));
    }

    @Test
    void sendsEachImageAsAnImageMessageAfterTheText() {
        stubBroadcast(okJson("{}"));
        URI image = URI.create("https://www.city.gotsu.lg.jp/img/notice.jpg");

        connector().publish(new Publication(deliveryKey, TEXT, List.of(), List.of(image), false));

        line.verify(postRequestedFor(urlEqualTo(BROADCAST))
                .withRequestBody(matchingJsonPath("$.messages.length()", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.messages[1].type", equalTo("image")))
                .withRequestBody(matchingJsonPath("$.messages[1].originalContentUrl", equalTo(image.toString())))
                .withRequestBody(matchingJsonPath("$.messages[1].previewImageUrl", equalTo(image.toString()))));
    }

    @Test
    void refusesMoreImagesThanOneBroadcastCarriesWithoutCallingLine() {
        List<URI> images = List.of(URI.create("https://x.jp/1.jpg"), URI.create("https://x.jp/2.jpg"),
                URI.create("https://x.jp/3.jpg"), URI.create("https://x.jp/4.jpg"), URI.create("https://x.jp/5.jpg"));

        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(), images, false));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(line.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesToAnswerOrQuoteAnotherPostWithoutCallingLine() {
        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(), List.of(), false,
                "https://x.com/someone/status/1", null));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(line.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAnEmptyPublicationWithoutCallingLine() {
        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, " "));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(line.getAllServeEvents()).isEmpty();
    }

    // --- publish: HTTP errors

    @Test
    void treats429AsTransientWithTheRetryAfterDelay() {
        stubBroadcast(lineError(429, "Too many requests").withHeader("Retry-After", "30"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ofSeconds(30)));
    }

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
    void treatsServerErrorAsTransient() {
        stubBroadcast(lineError(500, "Internal server error"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("500");
    }

    @Test
    void treatsHtmlErrorPageOn502AsTransient() {
        stubBroadcast(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("502");
    }

    @Test
    void treatsBadRequestAsPermanentWithLinesMessageAndDetails() {
        stubBroadcast(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"message":"The request body has 1 error(s)",
                 "details":[{"message":"Length must be between 0 and 5000","property":"messages[0].text"}]}
                """));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString()
                .contains("400", "The request body has 1 error(s)", "messages[0].text: Length must be between 0 and 5000");
    }

    @Test
    void treatsUnauthorizedAsPermanent() {
        stubBroadcast(lineError(401, "Authentication failed. Confirm that the access token in the authorization header is valid."));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("401", "Authentication failed");
    }

    @Test
    void treatsForbiddenAsPermanent() {
        stubBroadcast(lineError(403, "Access to this API is not available for your account"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
    }

    @Test
    void treatsGarbageJsonOn400AsPermanent() {
        stubBroadcast(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"unterminated"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("400");
    }

    // --- publish: network trouble

    @Test
    void treatsReadTimeoutAsUnknown() {
        stubBroadcast(okJson("{}").withFixedDelay(2000));
        LineSettings impatient = new LineSettings(URI.create(line.baseUrl()), TOKEN, Duration.ofSeconds(5), Duration.ofMillis(300));

        PublishOutcome outcome = new LineConnector(impatient).publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void treatsConnectionRefusedAsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LineConnector connector = new LineConnector(LineSettings.of(URI.create("http://127.0.0.1:" + closedPort), TOKEN));

        PublishOutcome outcome = connector.publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .satisfies(t -> assertThat(t.retryAfter()).isEmpty());
    }

    @Test
    void treatsConnectTimeoutAsTransient() throws IOException {
        try (ServerSocket unaccepting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> backlog = fillBacklog(unaccepting);
            try {
                LineSettings settings = new LineSettings(URI.create("http://127.0.0.1:" + unaccepting.getLocalPort()),
                        TOKEN, Duration.ofMillis(300), Duration.ofSeconds(5));

                PublishOutcome outcome = new LineConnector(settings).publish(Publication.text(deliveryKey, TEXT));

                assertThat(outcome).isInstanceOf(PublishOutcome.Transient.class);
            } finally {
                for (Socket socket : backlog) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void treatsConnectionResetAfterTheRequestAsUnknown() {
        stubBroadcast(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void treatsAnEmptyResponseAfterTheRequestAsUnknown() {
        stubBroadcast(aResponse().withFault(Fault.EMPTY_RESPONSE));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void neverWritesTheTokenToTheLog() {
        stubBroadcast(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            connector().publish(Publication.text(deliveryKey, TEXT));
        } finally {
            System.setErr(originalErr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains(deliveryKey.toString()).doesNotContain(TOKEN);
    }

    // --- the rest of the connector

    @Test
    void isTheLineConnectorAndDeduplicatesRetries() {
        LineConnector connector = connector();

        assertThat(connector.platform()).isEqualTo(Platform.LINE);
        assertThat(connector.deduplicatesRetries()).isTrue();
    }

    @Test
    void reportsDeleteAsNotSupportedWithoutCallingLine() {
        DeleteOutcome outcome = connector().delete("req-123");

        assertThat(outcome).asInstanceOf(type(DeleteOutcome.NotSupported.class))
                .extracting(DeleteOutcome.NotSupported::reason).asString().contains("cannot be recalled");
        assertThat(line.getAllServeEvents()).isEmpty();
    }

    @Test
    void reportsTheProfileAsNotCheckableWhenTheCredentialsWork() {
        line.stubFor(get(BOT_INFO).willReturn(okJson("""
                {"userId":"U4af4980629","basicId":"@gotsu","displayName":"江津市","chatMode":"bot","markAsReadMode":"auto"}
                """)));

        ProfileReading reading = connector().readProfile();

        assertThat(reading).asInstanceOf(type(ProfileReading.NotCheckable.class))
                .extracting(ProfileReading.NotCheckable::reason).asString().contains("LINE exposes no profile text");
        line.verify(1, getRequestedFor(urlEqualTo(BOT_INFO))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void reportsTheProfileReadingAsFailedWhenLineRejectsTheToken() {
        line.stubFor(get(BOT_INFO).willReturn(lineError(401, "Authentication failed")));

        ProfileReading reading = connector().readProfile();

        assertThat(reading).asInstanceOf(type(ProfileReading.Failed.class))
                .extracting(ProfileReading.Failed::reason).asString().contains("401");
    }

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

    /** Connects until the kernel stops completing handshakes for the socket nobody accepts from. */
    private static List<Socket> fillBacklog(ServerSocket unaccepting) throws IOException {
        List<Socket> backlog = new ArrayList<>();
        for (int attempt = 0; attempt < 16; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(unaccepting.getLocalSocketAddress(), 200);
                backlog.add(socket);
            } catch (IOException full) {
                socket.close();
                break;
            }
        }
        return backlog;
    }

    private LineConnector connector() {
        return new LineConnector(LineSettings.of(URI.create(line.baseUrl()), TOKEN));
    }

    private static void stubBroadcast(ResponseDefinitionBuilder response) {
        line.stubFor(post(BROADCAST).willReturn(response));
    }

    private static ResponseDefinitionBuilder lineError(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\"}");
    }
}
