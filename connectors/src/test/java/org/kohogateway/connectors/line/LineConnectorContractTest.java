package org.kohogateway.connectors.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformConnectorContract;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublicationBuilder;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/** LINE's Messaging API broadcast, as the LINE SDK calls it. */
class LineConnectorContractTest extends PlatformConnectorContract
        implements PlatformConnectorContract.RefusesAnswersAndQuotes, PlatformConnectorContract.CannotDelete {

    private static final String TOKEN = "line-test-channel-token-9f8e7d";
    private static final String BROADCAST = "/v2/bot/message/broadcast";
    private static final String BOT_INFO = "/v2/bot/info";

    @Override
    protected Platform expectedPlatform() {
        return Platform.LINE;
    }

    @Override
    protected boolean expectedToDeduplicateRetries() {
        return true;
    }

    @Override
    protected PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new LineConnector(new LineSettings(baseUrl, TOKEN, connectTimeout, readTimeout));
    }

    @Override
    public PublicationBuilder publishable() {
        return aPublication().deliveryKey(deliveryKey).text("江津市からのお知らせ：本日の水道工事は予定どおり実施します。");
    }

    @Override
    protected Publication nothingToPost() {
        return publishable().text(" ").build();
    }

    @Override
    protected int maxImages() {
        // a broadcast carries five messages, and the text is one of them
        return 4;
    }

    @Override
    protected String stubPublished() {
        api.stubFor(post(BROADCAST).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{}").withHeader("X-Line-Request-Id", "req-123")));
        return "req-123";
    }

    @Override
    protected void stubPublishingRequest(ResponseDefinitionBuilder answer) {
        api.stubFor(post(BROADCAST).willReturn(answer));
    }

    @Override
    protected String publishingRequestPath() {
        return BROADCAST;
    }

    @Override
    protected ResponseDefinitionBuilder serverError(int status) {
        return lineError(status, "Internal server error");
    }

    @Override
    protected Duration stubRateLimited() {
        stubPublishingRequest(lineError(429, "Too many requests").withHeader("Retry-After", "30"));
        return Duration.ofSeconds(30);
    }

    @Override
    protected String stubCredentialsRejected() {
        stubPublishingRequest(lineError(401,
                "Authentication failed. Confirm that the access token in the authorization header is valid."));
        return "Authentication failed";
    }

    @Override
    protected String stubInvalidRequest() {
        stubPublishingRequest(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"message":"The request body has 1 error(s)",
                 "details":[{"message":"Length must be between 0 and 5000","property":"messages[0].text"}]}
                """));
        return "messages[0].text: Length must be between 0 and 5000";
    }

    /** The bot info answers only whether the token works: LINE has no profile text to check. */
    @Override
    protected ProfileReading stubProfile() {
        api.stubFor(get(BOT_INFO).withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson("""
                {"userId":"U4af4980629","basicId":"@gotsu","displayName":"江津市","chatMode":"bot","markAsReadMode":"auto"}
                """)));
        return new ProfileReading.NotCheckable("LINE exposes no profile text: the Messaging API's bot info has a display "
                + "name and basic ID but no description or website, so profile compliance cannot be checked through the API "
                + "(credentials reach 江津市, @gotsu)");
    }

    @Override
    protected String stubProfileRefused() {
        api.stubFor(get(BOT_INFO).willReturn(lineError(401, "Authentication failed")));
        return "401";
    }

    @Override
    public List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    public String whyDeletingIsNotSupported() {
        return "cannot be recalled";
    }

    @Override
    public String stubPublishedWithImages(int images) {
        return stubPublished();
    }

    /** The text first, then one image message per image: the original and the preview from the gateway's signed addresses. */
    @Override
    protected void verifyImagesSent(Publication publication) {
        RequestPatternBuilder broadcast = postRequestedFor(urlPathEqualTo(BROADCAST))
                .withRequestBody(matchingJsonPath("$.messages[0].type", equalTo("text")))
                .withRequestBody(matchingJsonPath("$.messages.length()", equalTo(Integer.toString(publication.media().size() + 1))));
        for (int i = 0; i < publication.media().size(); i++) {
            MediaItem image = publication.media().get(i);
            broadcast = broadcast.withRequestBody(matchingJsonPath("$.messages[" + (i + 1) + "]", equalToJson(
                    "{\"type\":\"image\",\"originalContentUrl\":\"" + image.publicUrl() + "\",\"previewImageUrl\":\""
                            + image.previewUrl() + "\"}")));
        }
        api.verify(1, broadcast);
    }

    /** The Messaging API's error body. */
    static ResponseDefinitionBuilder lineError(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\"}");
    }
}
