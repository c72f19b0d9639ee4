package org.kohogateway.connectors.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.TestImages;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** What only Facebook does; what every connector does is in {@link FacebookConnectorContractTest}. */
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

        PublishOutcome outcome = connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).links(LINK).build());

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

        connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).links(LINK, second).build());

        graph.verify(postRequestedFor(urlEqualTo(FEED))
                .withFormParam("message", equalTo(TEXT + "\n" + second))
                .withFormParam("link", equalTo(LINK.toString())));
    }

    @Test
    void publishesOneImageAsAPhotoPostAndReportsThePostIdNotThePhotoId() {
        graph.stubFor(post(PHOTOS).willReturn(okJson("{\"id\":\"122109876543210\",\"post_id\":\"" + POST_ID + "\"}")));
        URI image = URI.create("https://www.city.gotsu.lg.jp/img/seijinshiki.jpg");

        PublishOutcome outcome = connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).links(LINK).media(image).build());

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(POST_ID));
        graph.verify(1, postRequestedFor(urlEqualTo(PHOTOS))
                .withAnyRequestBodyPart(aMultipart("source").withBody(binaryEqualTo(TestImages.bytesOf(image))))
                .withAnyRequestBodyPart(aMultipart("message").withBody(equalTo(TEXT + "\n" + LINK)))
                .withAnyRequestBodyPart(aMultipart("published").withBody(equalTo("true")))
                .withAnyRequestBodyPart(aMultipart("access_token").withBody(equalTo(TOKEN))));
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

    /**
     * Facebook has no idempotency key: an answer that does not say the post was refused leaves it possibly live. The
     * contract covers code 1 and an HTML page on the feed; these are the other codes, and the photos edge.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "code 2 on HTTP 503          | feed",
            "is_transient on HTTP 400    | feed",
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
        List<MediaItem> media = edge.equals("feed") ? List.of()
                : List.of(TestImages.at(URI.create("https://www.city.gotsu.lg.jp/img/seijinshiki.jpg")));

        PublishOutcome outcome = connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).media(media).build());

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        graph.verify(1, postRequestedFor(urlEqualTo(path)));
    }

    /** Facebook refuses a repeated text also as "going too fast" (code 368), not only as a duplicate (506). */
    @Test
    void aGoingTooFastRefusalOnALaterAttemptMeansTheFacebookPostProbablyExists() {
        graph.stubFor(post(FEED).willReturn(graphError(400, 368, -1, "OAuthException",
                "It looks like you were misusing this feature by going too fast. You've been temporarily blocked from using it.")));

        PublishOutcome outcome = connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).attempt(2).build());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString()
                .contains("probably exists from an earlier attempt", "code 368");
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

    // --- profile

    @Test
    void readsAPageWithoutDescriptionOrWebsite() {
        graph.stubFor(get(urlPathEqualTo("/v22.0/" + PAGE_ID)).willReturn(okJson("{\"name\":\"江津市\",\"id\":\"" + PAGE_ID + "\"}")));

        assertThat(connector().readProfile()).isEqualTo(new ProfileReading.Profile("江津市", "", Optional.empty()));
    }

    // --- settings

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

    private FacebookConnector connector() {
        return new FacebookConnector(new FacebookSettings(URI.create(graph.baseUrl()), PAGE_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
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
