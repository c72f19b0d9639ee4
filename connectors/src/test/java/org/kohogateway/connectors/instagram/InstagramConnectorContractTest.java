package org.kohogateway.connectors.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.instagram.InstagramConnectorTest.graphError;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformConnectorContract;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublicationBuilder;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * An Instagram professional account through the Graph API, as RestFB calls it. Only {@code media_publish} makes
 * anything public, so that is the request whose answers the contract varies; quota, container and status answer
 * as on a good day.
 */
class InstagramConnectorContractTest extends PlatformConnectorContract implements
        PlatformConnectorContract.RefusesAnswersAndQuotes, PlatformConnectorContract.CannotDelete,
        PlatformConnectorContract.FindsRecentPosts, PlatformConnectorContract.UploadsBeforePosting {

    private static final String TOKEN = "EAAGigUserToken9876543210zyxwvuQQQ";
    private static final String IG_USER_ID = "17841400123456789";
    private static final String CONTAINER_ID = "17889455560051444";
    private static final String MEDIA_ID = "17920238422030506";
    private static final String PROFILE = "/v22.0/" + IG_USER_ID;
    private static final String LIMIT = PROFILE + "/content_publishing_limit";
    private static final String MEDIA = PROFILE + "/media";
    private static final String MEDIA_PUBLISH = PROFILE + "/media_publish";
    /** The ids Instagram gives carousel items: this plus the item's position. */
    private static final long CHILD_ID_BASE = 17889455560051500L;
    private static final URI IMAGE = URI.create("https://www.city.gotsu.lg.jp/img/gonokawa.jpg");
    /** How the Graph API writes {@code timestamp}. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);

    @Override
    protected Platform expectedPlatform() {
        return Platform.INSTAGRAM;
    }

    @Override
    protected boolean expectedToDeduplicateRetries() {
        return false;
    }

    @Override
    protected PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new InstagramConnector(new InstagramSettings(baseUrl, IG_USER_ID, TOKEN, connectTimeout, readTimeout,
                Duration.ZERO, 3));
    }

    @Override
    public PublicationBuilder publishable() {
        return aPublication().deliveryKey(deliveryKey).text("江の川の夕景。#江津市 #島根").media(IMAGE);
    }

    /** Instagram posts images: a text alone is nothing it can publish. */
    @Override
    protected Publication nothingToPost() {
        return publishable().media(List.of()).build();
    }

    @Override
    protected int maxImages() {
        return InstagramConnector.MAX_IMAGES;
    }

    @Override
    protected String stubPublished() {
        stubPublishingRequest(okJson("{\"id\":\"" + MEDIA_ID + "\"}"));
        return MEDIA_ID;
    }

    @Override
    protected void stubPublishingRequest(ResponseDefinitionBuilder answer) {
        api.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(okJson(
                "{\"data\":[{\"config\":{\"quota_total\":100,\"quota_duration\":86400},\"quota_usage\":0}]}")));
        api.stubFor(post(MEDIA).willReturn(okJson("{\"id\":\"" + CONTAINER_ID + "\"}")));
        api.stubFor(get(urlPathEqualTo("/v22.0/" + CONTAINER_ID))
                .willReturn(okJson("{\"status_code\":\"FINISHED\",\"id\":\"" + CONTAINER_ID + "\"}")));
        api.stubFor(post(MEDIA_PUBLISH).withFormParam("access_token", equalTo(TOKEN)).willReturn(answer));
    }

    @Override
    protected String publishingRequestPath() {
        return MEDIA_PUBLISH;
    }

    @Override
    protected ResponseDefinitionBuilder serverError(int status) {
        return graphError(status, 2, -1, "OAuthException", "Service temporarily unavailable");
    }

    /** Instagram's own limit is the rolling publishing quota, checked before anything is sent. */
    @Override
    protected Duration stubRateLimited() {
        api.stubFor(get(urlPathEqualTo(LIMIT)).willReturn(okJson(
                "{\"data\":[{\"config\":{\"quota_total\":100,\"quota_duration\":86400},\"quota_usage\":100}]}")));
        return InstagramConnector.QUOTA_RETRY_AFTER;
    }

    @Override
    protected String stubCredentialsRejected() {
        stubPublishingRequest(graphError(400, 190, 460, "OAuthException",
                "Error validating access token: The session has been invalidated."));
        return "code 190";
    }

    /** Instagram validates the image when the container is created, before anything can be public. */
    @Override
    protected String stubInvalidRequest() {
        stubPublishingRequest(okJson("{\"id\":\"" + MEDIA_ID + "\"}"));
        api.stubFor(post(MEDIA).willReturn(graphError(400, 9004, 2207052, "OAuthException",
                "The media could not be fetched from this uri: " + IMAGE)));
        return "The media could not be fetched";
    }

    @Override
    protected ProfileReading stubProfile() {
        api.stubFor(get(urlPathEqualTo(PROFILE)).withQueryParam("fields", equalTo("username,biography,website"))
                .withQueryParam("access_token", equalTo(TOKEN)).willReturn(okJson("""
                {"username":"gotsu_city","biography":"島根県江津市の公式Instagramです。コメントへの返信は行いません。",
                 "website":"https://www.city.gotsu.lg.jp","id":"17841400123456789"}
                """)));
        return new ProfileReading.Profile("gotsu_city", "島根県江津市の公式Instagramです。コメントへの返信は行いません。",
                Optional.of("https://www.city.gotsu.lg.jp"));
    }

    @Override
    protected String stubProfileRefused() {
        api.stubFor(get(urlPathEqualTo(PROFILE)).willReturn(graphError(400, 190, -1, "OAuthException",
                "Invalid OAuth access token.")));
        return "code 190";
    }

    @Override
    public List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    public String whyDeletingIsNotSupported() {
        return "cannot delete";
    }

    @Override
    public void stubRecentPosts(List<RecentPost> newestFirst) {
        api.stubFor(get(urlPathEqualTo(MEDIA)).withQueryParam("fields", equalTo("id,caption,timestamp"))
                .withQueryParam("access_token", equalTo(TOKEN))
                .willReturn(okJson(page(null, newestFirst))));
    }

    @Override
    public void stubRecentPostsAnswer(ResponseDefinitionBuilder answer) {
        api.stubFor(get(urlPathEqualTo(MEDIA)).willReturn(answer));
    }

    @Override
    public void stubEndlessRecentPosts() {
        stubRecentPostsAnswer(okJson(page("QVFIUmFmZA",
                List.of(new RecentPost("17920238422030599", "別の投稿", SINCE.plusSeconds(3600))))));
    }

    @Override
    public String stubLookUpRefused() {
        stubRecentPostsAnswer(graphError(400, 190, -1, "OAuthException", "Invalid OAuth access token"));
        return "190";
    }

    /** Each carousel item answers the next id; the carousel itself (or the one image) is {@link #CONTAINER_ID}. */
    @Override
    public String stubPublishedWithImages(int images) {
        String mediaId = stubPublished();
        if (images > 1) {
            for (int i = 1; i <= images; i++) {
                api.stubFor(post(MEDIA).withFormParam("is_carousel_item", equalTo("true")).inScenario("items")
                        .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "created " + (i - 1)).willSetStateTo("created " + i)
                        .willReturn(okJson("{\"id\":\"" + (CHILD_ID_BASE + i) + "\"}")));
            }
        }
        return mediaId;
    }

    /**
     * Instagram fetched each image from its signed address and got its alt text; several became carousel items, in
     * order, and one {@code CAROUSEL} container with the caption; that container was published.
     */
    @Override
    protected void verifyImagesSent(Publication publication) {
        List<MediaItem> media = publication.media();
        if (media.size() == 1) {
            api.verify(1, postRequestedFor(urlPathEqualTo(MEDIA))
                    .withFormParam("image_url", equalTo(media.get(0).publicUrl().toString()))
                    .withFormParam("alt_text", equalTo(media.get(0).altText()))
                    .withFormParam("caption", equalTo(publication.text()))
                    .withFormParam("access_token", equalTo(TOKEN)));
        } else {
            List<LoggedRequest> items = api.findAll(postRequestedFor(urlPathEqualTo(MEDIA))
                    .withFormParam("is_carousel_item", equalTo("true")));
            assertThat(items).hasSize(media.size());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < media.size(); i++) {
                assertThat(items.get(i).formParameters().get("image_url").firstValue())
                        .isEqualTo(media.get(i).publicUrl().toString());
                assertThat(items.get(i).formParameters().get("alt_text").firstValue()).isEqualTo(media.get(i).altText());
                assertThat(items.get(i).formParameters()).doesNotContainKey("caption");
                ids.add(Long.toString(CHILD_ID_BASE + i + 1));
            }
            api.verify(1, postRequestedFor(urlPathEqualTo(MEDIA))
                    .withFormParam("media_type", equalTo("CAROUSEL"))
                    .withFormParam("children", equalTo(String.join(",", ids)))
                    .withFormParam("caption", equalTo(publication.text())));
        }
        api.verify(1, postRequestedFor(urlPathEqualTo(MEDIA_PUBLISH)).withFormParam("creation_id", equalTo(CONTAINER_ID)));
    }

    @Override
    public void stubFirstUploadAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(post(MEDIA).atPriority(1).willReturn(answer));
    }

    @Override
    public void stubPostWithImagesAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(post(MEDIA_PUBLISH).willReturn(answer));
    }

    private static String page(String after, List<RecentPost> media) {
        String data = media.stream().map(post -> "{\"id\":\"" + post.id() + "\",\"caption\":\""
                + post.text().replace("\n", "\\n") + "\",\"timestamp\":\"" + GRAPH_TIME.format(post.postedAt()) + "\"}")
                .collect(Collectors.joining(","));
        String paging = after == null ? "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"QVFIUmVuZA\"}}"
                : "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"" + after + "\"},\"next\":\"https://graph.facebook.com/v22.0/"
                        + IG_USER_ID + "/media?after=" + after + "\"}";
        return "{\"data\":[" + data + "],\"paging\":" + paging + "}";
    }
}
