package org.kohogateway.connectors.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.facebook.FacebookConnectorTest.graphError;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.kohogateway.connectors.TestImages;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** A Facebook Page through the Graph API, as RestFB calls it. */
class FacebookConnectorContractTest extends PlatformConnectorContract implements
        PlatformConnectorContract.RefusesDuplicates, PlatformConnectorContract.RefusesAnswersAndQuotes,
        PlatformConnectorContract.DeletesPosts, PlatformConnectorContract.FindsRecentPosts,
        PlatformConnectorContract.UploadsBeforePosting, PlatformConnectorContract.UploadsBytes {

    private static final String TOKEN = "EAAGfbPageToken0123456789abcdefZZZ";
    private static final String PAGE_ID = "104955401234567";
    private static final String PAGE = "/v22.0/" + PAGE_ID;
    private static final String FEED = PAGE + "/feed";
    private static final String POSTS = PAGE + "/posts";
    private static final String PHOTOS = PAGE + "/photos";
    /** The ids Facebook gives uploaded photos: this plus the photo's position. */
    private static final long PHOTO_ID_BASE = 122109876543210L;
    private static final String POST_ID = PAGE_ID + "_122101234567890123";
    /** How the Graph API writes {@code created_time}. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);

    @Override
    protected Platform expectedPlatform() {
        return Platform.FACEBOOK;
    }

    @Override
    protected boolean expectedToDeduplicateRetries() {
        return false;
    }

    @Override
    protected PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new FacebookConnector(new FacebookSettings(baseUrl, PAGE_ID, TOKEN, connectTimeout, readTimeout));
    }

    @Override
    public PublicationBuilder publishable() {
        return aPublication().deliveryKey(deliveryKey).text("【江津市】令和7年度 江津市成人式のお知らせ");
    }

    @Override
    protected Publication nothingToPost() {
        return publishable().text(" ").build();
    }

    @Override
    protected int maxImages() {
        return FacebookConnector.MAX_IMAGES;
    }

    @Override
    protected String stubPublished() {
        api.stubFor(post(FEED).withFormParam("access_token", equalTo(TOKEN))
                .willReturn(okJson("{\"id\":\"" + POST_ID + "\"}")));
        return POST_ID;
    }

    @Override
    protected void stubPublishingRequest(ResponseDefinitionBuilder answer) {
        api.stubFor(post(FEED).willReturn(answer));
    }

    @Override
    protected String publishingRequestPath() {
        return FEED;
    }

    @Override
    protected ResponseDefinitionBuilder serverError(int status) {
        return graphError(status, 1, -1, "OAuthException", "An unknown error has occurred.");
    }

    /** Facebook says how long to wait in the Business Use Case usage header. */
    @Override
    protected Duration stubRateLimited() {
        stubPublishingRequest(graphError(400, 80001, -1, "OAuthException",
                "There have been too many calls to this Page account. Wait a bit and try again.")
                .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":100,"
                        + "\"total_cputime\":25,\"total_time\":25,\"estimated_time_to_regain_access\":19}]}"));
        return Duration.ofMinutes(19);
    }

    /** Graph code 190 means the token, whatever HTTP status it comes with. */
    @Override
    protected String stubCredentialsRejected() {
        stubPublishingRequest(graphError(500, 190, 463, "OAuthException",
                "Error validating access token: Session has expired on Tuesday, 14-Oct-25 01:00:00 PDT."));
        return "Session has expired";
    }

    @Override
    protected String stubInvalidRequest() {
        stubPublishingRequest(graphError(400, 100, -1, "OAuthException", "(#100) The parameter link is invalid."));
        return "The parameter link is invalid.";
    }

    /** About and description together are the page's text. */
    @Override
    protected ProfileReading stubProfile() {
        api.stubFor(get(urlPathEqualTo(PAGE)).withQueryParam("fields", equalTo("name,about,description,website"))
                .withQueryParam("access_token", equalTo(TOKEN)).willReturn(okJson("""
                {"name":"江津市","about":"島根県江津市の公式Facebookページです。",
                 "description":"コメントへの個別の返信は行っておりません。",
                 "website":"https://www.city.gotsu.lg.jp","id":"104955401234567"}
                """)));
        return new ProfileReading.Profile("江津市",
                "島根県江津市の公式Facebookページです。\nコメントへの個別の返信は行っておりません。",
                Optional.of("https://www.city.gotsu.lg.jp"));
    }

    @Override
    protected String stubProfileRefused() {
        api.stubFor(get(urlPathEqualTo(PAGE)).willReturn(graphError(400, 190, 460, "OAuthException",
                "Error validating access token: The session has been invalidated because the user changed their password.")));
        return "code 190";
    }

    @Override
    public List<String> secrets() {
        return List.of(TOKEN);
    }

    @Override
    public String stubDuplicateRefusal() {
        stubPublishingRequest(graphError(400, 506, 1455006, "OAuthException", "(#506) Duplicate status message"));
        return "code 506";
    }

    @Override
    public String stubDeletable() {
        api.stubFor(delete(urlPathEqualTo("/v22.0/" + POST_ID)).withQueryParam("access_token", equalTo(TOKEN))
                .willReturn(okJson("{\"success\":true}")));
        return POST_ID;
    }

    @Override
    public String stubDeleteRefused() {
        api.stubFor(delete(urlPathEqualTo("/v22.0/" + PAGE_ID + "_1")).willReturn(graphError(400, 100, 33,
                "GraphMethodException", "Unsupported delete request. Object with ID '" + PAGE_ID + "_1' does not exist")));
        return PAGE_ID + "_1";
    }

    /** A throttled deletion can be asked again later. */
    @Override
    public String stubDeleteUnavailable() {
        api.stubFor(delete(urlPathEqualTo("/v22.0/" + PAGE_ID + "_2")).willReturn(graphError(400, 32, -1,
                "OAuthException", "(#32) Page request limit reached")));
        return PAGE_ID + "_2";
    }

    @Override
    public void stubRecentPosts(List<RecentPost> newestFirst) {
        api.stubFor(get(urlPathEqualTo(POSTS)).withQueryParam("since", equalTo(Long.toString(SINCE.getEpochSecond())))
                .withQueryParam("fields", equalTo("id,message,created_time"))
                .withQueryParam("access_token", equalTo(TOKEN))
                .willReturn(okJson(page(null, newestFirst))));
    }

    @Override
    public void stubRecentPostsAnswer(ResponseDefinitionBuilder answer) {
        api.stubFor(get(urlPathEqualTo(POSTS)).willReturn(answer));
    }

    @Override
    public void stubEndlessRecentPosts() {
        stubRecentPostsAnswer(okJson(page("QVFIUmFmZA",
                List.of(new RecentPost(PAGE_ID + "_2", "別の投稿", SINCE.plusSeconds(3600))))));
    }

    @Override
    public String stubLookUpRefused() {
        stubRecentPostsAnswer(graphError(400, 190, -1, "OAuthException", "Error validating access token"));
        return "190";
    }

    /** One photo is a published photo post; several are unpublished photos, each answering the next id, and a feed post. */
    @Override
    public String stubPublishedWithImages(int images) {
        if (images == 1) {
            api.stubFor(post(PHOTOS).willReturn(okJson("{\"id\":\"" + (PHOTO_ID_BASE + 1) + "\",\"post_id\":\"" + POST_ID + "\"}")));
            return POST_ID;
        }
        for (int i = 1; i <= images; i++) {
            api.stubFor(post(PHOTOS).inScenario("photos").whenScenarioStateIs(i == 1 ? Scenario.STARTED : "uploaded " + (i - 1))
                    .willSetStateTo("uploaded " + i).willReturn(okJson("{\"id\":\"" + (PHOTO_ID_BASE + i) + "\"}")));
        }
        return stubPublished();
    }

    /**
     * Every photo went up as multipart {@code source} bytes with its {@code alt_text_custom}, the access token a form
     * part; one photo is published with the {@code message}, several are unpublished and attached in order to the feed
     * post, which carries the message.
     */
    @Override
    protected void verifyImagesSent(Publication publication) {
        List<LoggedRequest> uploads = api.findAll(postRequestedFor(urlPathEqualTo(PHOTOS)));
        assertThat(uploads).hasSize(publication.media().size());
        boolean single = uploads.size() == 1;
        for (int i = 0; i < uploads.size(); i++) {
            MediaItem image = publication.media().get(i);
            LoggedRequest upload = uploads.get(i);
            assertThat(upload.getUrl()).doesNotContain(TOKEN);
            assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
            assertThat(upload.getPart("source").getBody().asBytes()).isEqualTo(TestImages.bytesOf(image.publicUrl()));
            assertThat(upload.getPart("source").getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
            assertThat(upload.getPart("alt_text_custom").getBody().asString()).isEqualTo(image.altText());
            assertThat(upload.getPart("published").getBody().asString()).isEqualTo(Boolean.toString(single));
            assertThat(upload.getPart("access_token").getBody().asString()).isEqualTo(TOKEN);
            if (single) {
                assertThat(upload.getPart("message").getBody().asString()).isEqualTo(publication.text());
            }
        }
        if (!single) {
            RequestPatternBuilder feedPost = postRequestedFor(urlPathEqualTo(FEED))
                    .withFormParam("message", equalTo(publication.text()))
                    .withFormParam("access_token", equalTo(TOKEN));
            for (int i = 0; i < uploads.size(); i++) {
                feedPost = feedPost.withFormParam("attached_media[" + i + "]",
                        equalToJson("{\"media_fbid\":\"" + (PHOTO_ID_BASE + i + 1) + "\"}"));
            }
            api.verify(1, feedPost);
        }
    }

    @Override
    public void stubFirstUploadAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(post(PHOTOS).atPriority(1).willReturn(answer));
    }

    private static String page(String after, List<RecentPost> posts) {
        String data = posts.stream().map(post -> "{\"id\":\"" + post.id() + "\",\"message\":\""
                + post.text().replace("\n", "\\n") + "\",\"created_time\":\"" + GRAPH_TIME.format(post.postedAt()) + "\"}")
                .collect(Collectors.joining(","));
        String paging = after == null ? "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"QVFIUmVuZA\"}}"
                : "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"" + after + "\"},\"next\":\"https://graph.facebook.com/v22.0/"
                        + PAGE_ID + "/posts?after=" + after + "\"}";
        return "{\"data\":[" + data + "],\"paging\":" + paging + "}";
    }
}
