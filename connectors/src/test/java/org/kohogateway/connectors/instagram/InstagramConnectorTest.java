package org.kohogateway.connectors.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.graph.QuotaReading;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** What only Instagram does; what every connector does is in {@link InstagramConnectorContractTest}. */
class InstagramConnectorTest {

    private static final String TOKEN = "EAAGigUserToken9876543210zyxwvuQQQ";
    private static final String IG_USER_ID = "17841400123456789";
    private static final String CONTAINER_ID = "17889455560051444";
    private static final String MEDIA_ID = "17920238422030506";
    private static final String LIMIT = "/v22.0/" + IG_USER_ID + "/content_publishing_limit";
    private static final String MEDIA = "/v22.0/" + IG_USER_ID + "/media";
    private static final String CONTAINER = "/v22.0/" + CONTAINER_ID;
    private static final String MEDIA_PUBLISH = "/v22.0/" + IG_USER_ID + "/media_publish";
    private static final String PROFILE = "/v22.0/" + IG_USER_ID;
    private static final String TEXT = "江の川の夕景。#江津市 #島根";
    private static final URI IMAGE = URI.create("https://www.city.gotsu.lg.jp/img/gonokawa.jpg");
    private static final int MAX_CHECKS = 3;

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UUID deliveryKey = UUID.randomUUID();

    // --- publish: the container flow

    @Test
    void checksTheQuotaCreatesAContainerWaitsUntilFinishedAndPublishesIt() {
        stubQuota(2, 100);
        stubContainerCreated();
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).inScenario("container").whenScenarioStateIs(STARTED)
                .willReturn(status("IN_PROGRESS")).willSetStateTo("ready"));
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).inScenario("container").whenScenarioStateIs("ready")
                .willReturn(status("FINISHED")));
        stubMediaPublish(okJson("{\"id\":\"" + MEDIA_ID + "\"}"));
        URI link = URI.create("https://www.city.gotsu.lg.jp/kanko/");

        PublishOutcome outcome = connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).links(link).media(IMAGE).build());

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(MEDIA_ID));
        assertThat(requestsInOrder()).containsExactly(
                "GET " + LIMIT, "POST " + MEDIA, "GET " + CONTAINER, "GET " + CONTAINER, "POST " + MEDIA_PUBLISH);
        graph.verify(getRequestedFor(urlPathEqualTo(LIMIT))
                .withQueryParam("fields", equalTo("quota_usage,config"))
                .withQueryParam("access_token", equalTo(TOKEN)));
        graph.verify(postRequestedFor(urlEqualTo(MEDIA))
                .withFormParam("image_url", equalTo(IMAGE.toString()))
                .withFormParam("caption", equalTo(TEXT + "\n" + link))
                .withFormParam("access_token", equalTo(TOKEN)));
        graph.verify(getRequestedFor(urlPathEqualTo(CONTAINER)).withQueryParam("fields", equalTo("status_code,status")));
        graph.verify(postRequestedFor(urlEqualTo(MEDIA_PUBLISH))
                .withFormParam("creation_id", equalTo(CONTAINER_ID))
                .withFormParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void sendsNoFurtherRequestOnceTheAccountIsPausedMidPublication() {
        stubQuota(2, 100);
        stubContainerCreated();
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(status("IN_PROGRESS")));
        stubMediaPublish(okJson("{\"id\":\"" + MEDIA_ID + "\"}"));
        AtomicInteger asked = new AtomicInteger();

        // allowed to create the container and check it once, then the pause comes
        PublishOutcome outcome = connector().publish(withImage(), () -> asked.incrementAndGet() <= 2);

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("paused", "nothing was published");
        assertThat(requestsInOrder()).containsExactly("GET " + LIMIT, "POST " + MEDIA, "GET " + CONTAINER);
    }

    @Test
    void publishesAnywayWhenTheQuotaAnswerHasAnUnexpectedShapeAndLetsInstagramEnforceIt() {
        graph.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(okJson("{\"data\":[]}")));
        stubContainerCreated();
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(status("FINISHED")));
        stubMediaPublish(okJson("{\"id\":\"" + MEDIA_ID + "\"}"));

        assertThat(connector().publish(withImage())).isEqualTo(new PublishOutcome.Published(MEDIA_ID));
    }

    @Test
    void treatsAContainerInErrorAsPermanentAndNeverPublishes() {
        stubQuota(0, 100);
        stubContainerCreated();
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(okJson("""
                {"status_code":"ERROR","status":"Error: Media download has failed. The media URI doesn't meet our requirements.",
                 "id":"17889455560051444"}
                """)));

        PublishOutcome outcome = connector().publish(withImage());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("ERROR", "Media download has failed");
        graph.verify(0, postRequestedFor(urlEqualTo(MEDIA_PUBLISH)));
    }

    /** Meta's error-code table: a container that failed for these causes is retried with a new container. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Error: It takes too long to download the media. (2207003)",
            "Error: Instagram server error. Try again. (2207001)",
            "Error: Create media fail, please try to re-create media (2207032)"})
    void aContainerThatEndedInErrorForARetryableCauseIsRetriedWithANewContainer(String status) {
        stubQuota(0, 100);
        stubContainerCreated();
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(okJson("{\"status_code\":\"ERROR\",\"status\":\""
                + status + "\",\"id\":\"" + CONTAINER_ID + "\"}")));

        PublishOutcome outcome = connector().publish(withImage());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("ERROR", "nothing was published");
        graph.verify(0, postRequestedFor(urlEqualTo(MEDIA_PUBLISH)));
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfChecksWithoutPublishing() {
        stubQuota(0, 100);
        stubContainerCreated();
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(status("IN_PROGRESS")));

        PublishOutcome outcome = connector().publish(withImage());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("not ready after 3 checks", "IN_PROGRESS");
        graph.verify(MAX_CHECKS, getRequestedFor(urlPathEqualTo(CONTAINER)));
        graph.verify(0, postRequestedFor(urlEqualTo(MEDIA_PUBLISH)));
    }

    // --- publish: failures before anything is public

    @Test
    void classifiesContainerCreationErrorsByGraphCode() {
        stubQuota(0, 100);
        graph.stubFor(post(MEDIA).willReturn(graphError(400, 9004, 2207052, "OAuthException",
                "The media could not be fetched from this uri: https://www.city.gotsu.lg.jp/img/gonokawa.jpg")));
        PublishOutcome refused = connector().publish(withImage());
        graph.stubFor(post(MEDIA).willReturn(graphError(400, 4, -1, "OAuthException", "(#4) Application request limit reached")));
        PublishOutcome throttled = connector().publish(withImage());

        assertThat(refused).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("code 9004", "creating the media container");
        assertThat(throttled).isInstanceOf(PublishOutcome.Transient.class);
        graph.verify(0, postRequestedFor(urlEqualTo(MEDIA_PUBLISH)));
    }

    @ParameterizedTest(name = "code {0}, subcode {1}")
    @CsvSource(delimiter = '|', value = {
            "-2 | 2207003 | It takes too long to download the media.",
            "-1 | 2207001 | Instagram server error. Try again.",
            "-1 | 2207032 | Create media fail, please try to re-create media"})
    void instagramsDocumentedTryAgainErrorsOnCreatingTheContainerAreRetriedNotFinal(int code, int subcode, String message) {
        stubQuota(0, 100);
        graph.stubFor(post(MEDIA).willReturn(graphError(400, code, subcode, "OAuthException", message)));

        PublishOutcome outcome = connector().publish(withImage());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("subcode " + subcode);
        graph.verify(0, postRequestedFor(urlEqualTo(MEDIA_PUBLISH)));
    }

    @Test
    void treatsALostAnswerToContainerCreationAsTransientBecauseNothingCanBePublic() {
        stubQuota(0, 100);
        graph.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"" + CONTAINER_ID + "\"}").withFixedDelay(1500)));

        PublishOutcome outcome = impatientConnector().publish(withImage());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("nothing was published");
        graph.verify(0, postRequestedFor(urlEqualTo(MEDIA_PUBLISH)));
    }

    @Test
    void treatsAnHtmlErrorPageOnContainerCreationAsTransientWithoutCrashing() {
        stubQuota(0, 100);
        graph.stubFor(post(MEDIA).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")));

        PublishOutcome outcome = connector().publish(withImage());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("HTTP 503");
    }

    // --- publish: failures while publishing

    /**
     * Only media_publish makes anything public, and Instagram has no idempotency key; the contract covers code 2 and
     * an HTML page, and these are Instagram's other answers that say nothing about the post.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"code 1 on HTTP 500", "code -1 subcode 2207001 on HTTP 400", "is_transient on HTTP 400"})
    void aServerErrorOnMediaPublishIsUnknownNeverTransient(String answer) {
        stubReadyContainer();
        stubMediaPublish(switch (answer) {
            case "code 1 on HTTP 500" -> graphError(500, 1, -1, "OAuthException", "An unknown error has occurred.");
            case "code -1 subcode 2207001 on HTTP 400" -> graphError(400, -1, 2207001, "OAuthException",
                    "Instagram server error. Try again.");
            default -> aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"message\":\"Temporary error\",\"type\":\"OAuthException\",\"code\":3,"
                            + "\"is_transient\":true,\"fbtrace_id\":\"AgHjK456\"}}");
        });

        PublishOutcome outcome = connector().publish(withImage());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains(CONTAINER_ID);
        graph.verify(1, postRequestedFor(urlEqualTo(MEDIA_PUBLISH)));
    }

    @Test
    void classifiesMediaPublishErrorsByGraphCode() {
        stubReadyContainer();
        stubMediaPublish(graphError(400, 190, 460, "OAuthException", "Error validating access token: The session has been invalidated."));
        PublishOutcome tokenRejected = connector().publish(withImage());
        stubMediaPublish(graphError(400, 9, 2207042, "OAuthException",
                "Application request limit reached: The user has reached the maximum number of posts allowed in a day."));
        PublishOutcome limitReached = connector().publish(withImage());

        assertThat(tokenRejected).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("code 190");
        assertThat(limitReached).isInstanceOf(PublishOutcome.Transient.class);
    }

    // --- quota

    @Test
    void readsTheQuotaForTheGatewayToShow() {
        stubQuota(37, 100);

        QuotaReading quota = connector().quota();

        assertThat(quota).isEqualTo(new QuotaReading.Quota(37, 100, Duration.ofHours(24)));
        assertThat(((QuotaReading.Quota) quota).remaining()).isEqualTo(63);
    }

    @Test
    void reportsAnUnreadableQuotaAsFailed() {
        graph.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(graphError(400, 190, -1, "OAuthException", "Invalid OAuth access token.")));

        assertThat(connector().quota()).asInstanceOf(type(QuotaReading.Failed.class))
                .extracting(QuotaReading.Failed::reason).asString().contains("code 190");
    }

    // --- settings

    @Test
    void settingsToStringMasksTheToken() {
        String text = InstagramSettings.of(InstagramSettings.PRODUCTION_GRAPH_URL, IG_USER_ID, TOKEN).toString();

        assertThat(text).doesNotContain(TOKEN).contains(IG_USER_ID);
    }

    @Test
    void settingsRejectBlankTokensBadIdsNegativePollIntervalsAndNoChecks() {
        URI url = InstagramSettings.PRODUCTION_GRAPH_URL;
        Duration second = Duration.ofSeconds(1);

        assertThatIllegalArgumentException().isThrownBy(() -> InstagramSettings.of(url, IG_USER_ID, ""));
        assertThatIllegalArgumentException().isThrownBy(() -> InstagramSettings.of(url, "me/media", TOKEN));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new InstagramSettings(url, IG_USER_ID, TOKEN, second, second, Duration.ofSeconds(-1), 3));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new InstagramSettings(url, IG_USER_ID, TOKEN, second, second, Duration.ZERO, 0));
    }

    private InstagramConnector connector() {
        return new InstagramConnector(new InstagramSettings(URI.create(graph.baseUrl()), IG_USER_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ZERO, MAX_CHECKS));
    }

    private InstagramConnector impatientConnector() {
        return new InstagramConnector(new InstagramSettings(URI.create(graph.baseUrl()), IG_USER_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ZERO, MAX_CHECKS));
    }

    private Publication withImage() {
        return aPublication().deliveryKey(deliveryKey).text(TEXT).media(IMAGE).build();
    }

    /** Method and path of every request WireMock received, oldest first. */
    private static List<String> requestsInOrder() {
        return graph.getAllServeEvents().reversed().stream()
                .map(ServeEvent::getRequest)
                .map(request -> request.getMethod() + " " + URI.create(request.getUrl()).getPath())
                .toList();
    }

    private static void stubQuota(int used, int total) {
        graph.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(okJson("{\"data\":[{\"config\":{\"quota_total\":" + total
                + ",\"quota_duration\":86400},\"quota_usage\":" + used + "}]}")));
    }

    private static void stubContainerCreated() {
        graph.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"" + CONTAINER_ID + "\"}")));
    }

    private static void stubReadyContainer() {
        stubQuota(0, 100);
        stubContainerCreated();
        graph.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(status("FINISHED")));
    }

    private static void stubMediaPublish(ResponseDefinitionBuilder response) {
        graph.stubFor(post(MEDIA_PUBLISH).willReturn(response));
    }

    private static ResponseDefinitionBuilder status(String statusCode) {
        return okJson("{\"status_code\":\"" + statusCode + "\",\"id\":\"" + CONTAINER_ID + "\"}");
    }

    /** The Graph API's error body, as Meta documents and sends it. */
    static ResponseDefinitionBuilder graphError(int status, int code, int subcode, String errorType, String message) {
        String subcodeField = subcode < 0 ? "" : ",\"error_subcode\":" + subcode;
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + errorType + "\",\"code\":" + code
                        + subcodeField + ",\"fbtrace_id\":\"AgHjK456\"}}");
    }
}
