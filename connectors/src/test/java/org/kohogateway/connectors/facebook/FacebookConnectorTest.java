package org.kohogateway.connectors.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class FacebookConnectorTest {

    private static final String TOKEN = "EAAGfbPageToken0123456789abcdefZZZ";
    private static final String PAGE_ID = "104955401234567";
    private static final String FEED = "/v22.0/" + PAGE_ID + "/feed";
    private static final String PHOTOS = "/v22.0/" + PAGE_ID + "/photos";
    private static final String POST_ID = PAGE_ID + "_122101234567890123";
    private static final String TEXT = "【江津市】令和7年度 江津市成人式のお知らせ";
    private static final URI LINK = URI.create("https://www.city.gotsu.lg.jp/soshiki/seijinshiki.html");

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UUID deliveryKey = UUID.randomUUID();

    // --- publish: success

    @Test
    void postsTheMessageAndFirstLinkToThePageFeedWithThePageToken() {
        graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"" + POST_ID + "\"}")));

        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(LINK), List.of(), false));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(POST_ID));
        graph.verify(1, postRequestedFor(urlEqualTo(FEED))
                .withFormParam("message", equalTo(TEXT))
                .withFormParam("link", equalTo(LINK.toString()))
                .withFormParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void writesFurtherLinksIntoTheMessageBecauseTheFeedTakesOnlyOneLink() {
        graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"" + POST_ID + "\"}")));
        URI second = URI.create("https://www.city.gotsu.lg.jp/soshiki/map.html");

        connector().publish(new Publication(deliveryKey, TEXT, List.of(LINK, second), List.of(), false));

        graph.verify(postRequestedFor(urlEqualTo(FEED))
                .withFormParam("message", equalTo(TEXT + "\n" + second))
                .withFormParam("link", equalTo(LINK.toString())));
    }

    @Test
    void publishesOneImageAsAPhotoPostAndReportsThePostIdNotThePhotoId() {
        graph.stubFor(post(PHOTOS).willReturn(okJson("{\"id\":\"122109876543210\",\"post_id\":\"" + POST_ID + "\"}")));
        URI image = URI.create("https://www.city.gotsu.lg.jp/img/seijinshiki.jpg");

        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(LINK), List.of(image), false));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(POST_ID));
        graph.verify(1, postRequestedFor(urlEqualTo(PHOTOS))
                .withFormParam("url", equalTo(image.toString()))
                .withFormParam("caption", equalTo(TEXT + "\n" + LINK))
                .withFormParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void refusesSeveralImagesAndEmptyPublicationsWithoutCallingFacebook() {
        List<URI> images = List.of(URI.create("https://x.jp/1.jpg"), URI.create("https://x.jp/2.jpg"));
        FacebookConnector connector = connector();

        assertThat(connector.publish(new Publication(deliveryKey, TEXT, List.of(), images, false)))
                .isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(connector.publish(Publication.text(deliveryKey, " "))).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesToAnswerOrQuoteAnotherPostWithoutCallingFacebook() {
        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(), List.of(), false,
                null, "https://www.facebook.com/someone/posts/1"));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void reportsASuccessAnswerWithoutAnIdAsUnknown() {
        graph.stubFor(post(FEED).willReturn(okJson("{}")));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
    }

    // --- publish: Graph errors

    @ParameterizedTest(name = "code {0} on HTTP {1}")
    @CsvSource(delimiter = '|', value = {
            "4   | 400 | (#4) Application request limit reached          | OAuthException",
            "17  | 400 | (#17) User request limit reached                | OAuthException",
            "32  | 400 | (#32) Page request limit reached                | OAuthException",
            "341 | 400 | (#341) Application limit reached               | OAuthException",
            "368 | 400 | It looks like you were misusing this feature by going too fast. You've been temporarily blocked from using it. | OAuthException",
            "613 | 400 | (#613) Calls to this api have exceeded the rate limit. | OAuthException"})
    void treatsGraphThrottlingCodesAsTransient(int code, int status, String message, String errorType) {
        graph.stubFor(post(FEED).willReturn(graphError(status, code, -1, errorType, message)));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString()
                .contains("HTTP " + status, "code " + code, message, "fbtrace_id AwXyZ0123");
    }

    @Test
    void takesTheRetryHintFromTheBusinessUseCaseUsageHeader() {
        graph.stubFor(post(FEED).willReturn(graphError(400, 80001, -1, "OAuthException",
                "There have been too many calls to this Page account. Wait a bit and try again.")
                .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":100,"
                        + "\"total_cputime\":25,\"total_time\":25,\"estimated_time_to_regain_access\":19}]}")));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ofMinutes(19)));
    }

    @Test
    void treatsDuplicateStatusMessageAsPermanentDuplicate() {
        graph.stubFor(post(FEED).willReturn(graphError(400, 506, 1455006, "OAuthException", "(#506) Duplicate status message")));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString()
                .startsWith("duplicate post refused").contains("code 506", "subcode 1455006");
    }

    /** Facebook has no idempotency key: an answer that does not say the post was refused leaves it possibly live. */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "code 1 on HTTP 500          | feed",
            "code 2 on HTTP 503          | feed",
            "is_transient on HTTP 400    | feed",
            "HTML page on HTTP 502       | feed",
            "code 1 on HTTP 500          | photos",
            "code 2 on HTTP 503          | photos",
            "is_transient on HTTP 400    | photos",
            "HTML page on HTTP 502       | photos"})
    void aServerErrorOnCreatingAFacebookPostIsUnknownNeverTransient(String answer, String edge) {
        ResponseDefinitionBuilder response = switch (answer) {
            case "code 1 on HTTP 500" -> graphError(500, 1, -1, "OAuthException", "An unknown error has occurred.");
            case "code 2 on HTTP 503" -> graphError(503, 2, -1, "OAuthException",
                    "An unexpected error has occurred. Please retry your request later.");
            case "is_transient on HTTP 400" -> aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"message\":\"Please reduce the amount of data you're asking for, then retry your request\","
                            + "\"type\":\"OAuthException\",\"code\":3,\"is_transient\":true,\"fbtrace_id\":\"AwXyZ0123\"}}");
            default -> aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Sorry, something went wrong.</body></html>");
        };
        String path = edge.equals("feed") ? FEED : PHOTOS;
        graph.stubFor(post(path).willReturn(response));
        List<URI> media = edge.equals("feed") ? List.of() : List.of(URI.create("https://www.city.gotsu.lg.jp/img/seijinshiki.jpg"));

        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(), media, false));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        graph.verify(1, postRequestedFor(urlEqualTo(path)));
    }

    @ParameterizedTest(name = "code {0}")
    @CsvSource(delimiter = '|', value = {
            "506 | (#506) Duplicate status message",
            "368 | It looks like you were misusing this feature by going too fast. You've been temporarily blocked from using it."})
    void aDuplicateRefusalOnALaterAttemptMeansTheFacebookPostProbablyExists(int code, String message) {
        graph.stubFor(post(FEED).willReturn(graphError(400, code, -1, "OAuthException", message)));

        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(), List.of(), false,
                null, null, 2));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString()
                .contains("probably exists from an earlier attempt", "code " + code);
    }

    @Test
    void treatsAnExpiredTokenAsPermanentEvenOnHttp500() {
        graph.stubFor(post(FEED).willReturn(graphError(500, 190, 463, "OAuthException",
                "Error validating access token: Session has expired on Tuesday, 14-Oct-25 01:00:00 PDT.")));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString()
                .startsWith("access token rejected").contains("code 190", "subcode 463", "Session has expired");
    }

    @Test
    void treatsOtherGraphErrorsAsPermanent() {
        graph.stubFor(post(FEED).willReturn(graphError(400, 100, -1, "OAuthException", "(#100) The parameter link is invalid.")));

        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(LINK), List.of(), false));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("code 100", "The parameter link is invalid.");
    }

    @Test
    void classifiesHtmlErrorPagesByStatusWithoutCrashing() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><head><title>Error</title></head><body>Sorry, something went wrong.</body></html>")));
        PublishOutcome on502 = connector().publish(Publication.text(deliveryKey, TEXT));
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad Request</body></html>")));
        PublishOutcome on400 = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(on502).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains("HTTP 502", "Sorry, something went wrong");
        assertThat(on400).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("HTTP 400");
    }

    @Test
    void classifiesGarbageJsonByStatusWithoutCrashing() {
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"An unkno")));
        PublishOutcome on500 = connector().publish(Publication.text(deliveryKey, TEXT));
        graph.stubFor(post(FEED).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"1049554")));
        PublishOutcome on200 = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(on500).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(on200).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains("HTTP 200");
    }

    // --- publish: network trouble

    @Test
    void treatsConnectionRefusedAsTransient() throws IOException {
        FacebookConnector connector = new FacebookConnector(FacebookSettings.of(closedPortUrl(), PAGE_ID, TOKEN));

        PublishOutcome outcome = connector.publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("could not connect");
    }

    @Test
    void treatsConnectTimeoutAsTransient() throws IOException {
        try (ServerSocket unaccepting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> backlog = fillBacklog(unaccepting);
            try {
                FacebookConnector connector = new FacebookConnector(new FacebookSettings(
                        URI.create("http://127.0.0.1:" + unaccepting.getLocalPort()), PAGE_ID, TOKEN,
                        Duration.ofMillis(300), Duration.ofSeconds(5)));

                PublishOutcome outcome = connector.publish(Publication.text(deliveryKey, TEXT));

                assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                        .extracting(PublishOutcome.Transient::reason).asString().contains("connect timed out");
            } finally {
                for (Socket socket : backlog) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void treatsReadTimeoutAsUnknown() {
        graph.stubFor(post(FEED).willReturn(okJson("{\"id\":\"" + POST_ID + "\"}").withFixedDelay(1500)));
        FacebookConnector connector = new FacebookConnector(new FacebookSettings(URI.create(graph.baseUrl()), PAGE_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofMillis(250)));

        PublishOutcome outcome = connector.publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains("read timeout");
    }

    @Test
    void treatsConnectionResetAsUnknownAndNeverSendsThePostTwice() {
        graph.stubFor(post(FEED).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        graph.verify(1, postRequestedFor(urlEqualTo(FEED)));
    }

    @Test
    void treatsAnEmptyAnswerAsUnknownAndNeverSendsThePostTwice() {
        graph.stubFor(post(FEED).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        graph.verify(1, postRequestedFor(urlEqualTo(FEED)));
    }

    // --- delete

    @Test
    void deletesThePostWithAnHttpDelete() {
        graph.stubFor(delete(urlPathEqualTo("/v22.0/" + POST_ID)).willReturn(okJson("{\"success\":true}")));

        DeleteOutcome outcome = connector().delete(POST_ID);

        assertThat(outcome).isEqualTo(new DeleteOutcome.Deleted());
        graph.verify(1, deleteRequestedFor(urlPathEqualTo("/v22.0/" + POST_ID)).withQueryParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void reportsRefusedDeletionsAsNotRetryableAndThrottledOnesAsRetryable() {
        graph.stubFor(delete(urlPathEqualTo("/v22.0/" + PAGE_ID + "_1")).willReturn(graphError(400, 100, 33,
                "GraphMethodException", "Unsupported delete request. Object with ID '" + PAGE_ID + "_1' does not exist")));
        graph.stubFor(delete(urlPathEqualTo("/v22.0/" + PAGE_ID + "_2")).willReturn(graphError(400, 32, -1,
                "OAuthException", "(#32) Page request limit reached")));
        FacebookConnector connector = connector();

        assertThat(connector.delete(PAGE_ID + "_1")).asInstanceOf(type(DeleteOutcome.Failed.class))
                .satisfies(f -> assertThat(f.retryable()).isFalse());
        assertThat(connector.delete(PAGE_ID + "_2")).asInstanceOf(type(DeleteOutcome.Failed.class))
                .satisfies(f -> assertThat(f.retryable()).isTrue());
    }

    @Test
    void refusesToDeleteSomethingThatIsNotAPostIdWithoutCallingFacebook() {
        assertThat(connector().delete("me/accounts")).asInstanceOf(type(DeleteOutcome.Failed.class))
                .satisfies(f -> assertThat(f.retryable()).isFalse());
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    // --- profile

    @Test
    void readsNameAboutDescriptionAndWebsiteOfThePage() {
        graph.stubFor(get(urlPathEqualTo("/v22.0/" + PAGE_ID)).willReturn(okJson("""
                {"name":"江津市","about":"島根県江津市の公式Facebookページです。",
                 "description":"コメントへの個別の返信は行っておりません。",
                 "website":"https://www.city.gotsu.lg.jp","id":"104955401234567"}
                """)));

        ProfileReading reading = connector().readProfile();

        assertThat(reading).isEqualTo(new ProfileReading.Profile("江津市",
                "島根県江津市の公式Facebookページです。\nコメントへの個別の返信は行っておりません。",
                Optional.of("https://www.city.gotsu.lg.jp")));
        graph.verify(1, getRequestedFor(urlPathEqualTo("/v22.0/" + PAGE_ID))
                .withQueryParam("fields", equalTo("name,about,description,website"))
                .withQueryParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void readsAPageWithoutDescriptionOrWebsite() {
        graph.stubFor(get(urlPathEqualTo("/v22.0/" + PAGE_ID)).willReturn(okJson("{\"name\":\"江津市\",\"id\":\"" + PAGE_ID + "\"}")));

        assertThat(connector().readProfile()).isEqualTo(new ProfileReading.Profile("江津市", "", Optional.empty()));
    }

    @Test
    void reportsTheProfileReadingAsFailedWhenTheTokenIsRejected() {
        graph.stubFor(get(urlPathEqualTo("/v22.0/" + PAGE_ID)).willReturn(graphError(400, 190, 460, "OAuthException",
                "Error validating access token: The session has been invalidated because the user changed their password.")));

        assertThat(connector().readProfile()).asInstanceOf(type(ProfileReading.Failed.class))
                .extracting(ProfileReading.Failed::reason).asString().contains("code 190");
    }

    // --- credentials and the rest

    @Test
    void neverWritesTheTokenToTheLogOrIntoReasons() {
        graph.stubFor(post(FEED).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        graph.stubFor(get(urlPathEqualTo("/v22.0/" + PAGE_ID)).willReturn(aResponse().withFixedDelay(1500)));
        FacebookConnector connector = new FacebookConnector(new FacebookSettings(URI.create(graph.baseUrl()), PAGE_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofMillis(250)));
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        PublishOutcome outcome;
        ProfileReading reading;
        try {
            outcome = connector.publish(Publication.text(deliveryKey, TEXT));
            reading = connector.readProfile();
        } finally {
            System.setErr(originalErr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).contains(deliveryKey.toString()).doesNotContain(TOKEN);
        assertThat(outcome.toString()).doesNotContain(TOKEN);
        assertThat(reading).isInstanceOf(ProfileReading.Failed.class);
        assertThat(reading.toString()).doesNotContain(TOKEN);
    }

    @Test
    void settingsToStringMasksTheToken() {
        String text = FacebookSettings.of(FacebookSettings.PRODUCTION_GRAPH_URL, PAGE_ID, TOKEN).toString();

        assertThat(text).doesNotContain(TOKEN).contains(PAGE_ID, "https://graph.facebook.com");
    }

    @Test
    void settingsRejectBlankTokensBadPageIdsBadUrlsAndNonPositiveTimeouts() {
        URI url = FacebookSettings.PRODUCTION_GRAPH_URL;
        Duration second = Duration.ofSeconds(1);

        assertThatIllegalArgumentException().isThrownBy(() -> FacebookSettings.of(url, PAGE_ID, " "));
        assertThatIllegalArgumentException().isThrownBy(() -> FacebookSettings.of(url, "1/feed", TOKEN));
        assertThatIllegalArgumentException().isThrownBy(() -> FacebookSettings.of(URI.create("ftp://graph.facebook.com"), PAGE_ID, TOKEN));
        assertThatIllegalArgumentException().isThrownBy(() -> new FacebookSettings(url, PAGE_ID, TOKEN, second, Duration.ZERO));
    }

    @Test
    void isTheFacebookConnectorAndDoesNotDeduplicateRetries() {
        FacebookConnector connector = connector();

        assertThat(connector.platform()).isEqualTo(Platform.FACEBOOK);
        assertThat(connector.deduplicatesRetries()).isFalse();
    }

    private FacebookConnector connector() {
        return new FacebookConnector(new FacebookSettings(URI.create(graph.baseUrl()), PAGE_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
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

    private static URI closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    /** The Graph API's error body, as Meta documents and sends it. */
    static ResponseDefinitionBuilder graphError(int status, int code, int subcode, String errorType, String message) {
        String subcodeField = subcode < 0 ? "" : ",\"error_subcode\":" + subcode;
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_request\" \"" + message.replace("\"", "") + "\"")
                .withBody("{\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"type\":\"" + errorType
                        + "\",\"code\":" + code + subcodeField + ",\"fbtrace_id\":\"AwXyZ0123\"}}");
    }
}
