package org.kohogateway.connectors.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformConnectorContract;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublicationBuilder;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.TestImages;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** X API v2 as Twitter4J and twitter4j-v2 call it, signed with OAuth 1.0a user context. */
class XConnectorContractTest extends PlatformConnectorContract implements PlatformConnectorContract.RefusesDuplicates,
        PlatformConnectorContract.DeletesPosts, PlatformConnectorContract.FindsRecentPosts,
        PlatformConnectorContract.UploadsBeforePosting, PlatformConnectorContract.UploadsBytes {

    private static final String CONSUMER_KEY = "xck-test-consumer-key-31a7";
    private static final String CONSUMER_SECRET = "xcs-test-consumer-secret-8b2c";
    private static final String ACCESS_TOKEN = "1234567890-xat-test-access-token-55d0";
    private static final String ACCESS_TOKEN_SECRET = "xats-test-access-token-secret-e9f4";

    private static final String TWEETS = "/2/tweets";
    private static final String UPLOAD = "/2/media/upload";
    private static final String METADATA = "/2/media/metadata";
    /** The ids X gives uploaded images: this plus the image's position. */
    private static final long MEDIA_ID_BASE = 1880028106020515840L;
    private static final String ME = "/2/users/me";
    private static final String USER_ID = "2244994945";
    private static final String TIMELINE = "/2/users/" + USER_ID + "/tweets";
    private static final String TWEET_ID = "1445880548472328192";
    private static final String SIGNED = "OAuth .*oauth_consumer_key=\"" + CONSUMER_KEY + "\".*oauth_token=\"" + ACCESS_TOKEN + "\".*";
    /** How X writes {@code created_at}: Twitter4J reads nothing else. */
    private static final DateTimeFormatter X_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** X's rate-limit reset is a point in time, so the connector's clock is fixed to compute the wait. */
    private static final Instant NOW = SINCE.plusSeconds(600);

    @Override
    protected Platform expectedPlatform() {
        return Platform.X;
    }

    @Override
    protected boolean expectedToDeduplicateRetries() {
        return false;
    }

    @Override
    protected PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new XConnector(new XSettings(baseUrl.resolve("/1.1/"), baseUrl.resolve("/2/"), CONSUMER_KEY, CONSUMER_SECRET,
                ACCESS_TOKEN, ACCESS_TOKEN_SECRET, connectTimeout, readTimeout), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    public PublicationBuilder publishable() {
        return aPublication().deliveryKey(deliveryKey).text(TEXT);
    }

    @Override
    protected Publication nothingToPost() {
        return publishable().text("  ").build();
    }

    @Override
    protected int maxImages() {
        return 4;
    }

    @Override
    protected String stubPublished() {
        api.stubFor(post(TWEETS).withHeader("Authorization", matching(SIGNED)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"data\":{\"edit_history_tweet_ids\":[\"" + TWEET_ID + "\"],\"id\":\"" + TWEET_ID
                        + "\",\"text\":\"" + TEXT + "\"}}")));
        return TWEET_ID;
    }

    @Override
    protected void stubPublishingRequest(ResponseDefinitionBuilder answer) {
        api.stubFor(post(TWEETS).willReturn(answer));
    }

    @Override
    protected String publishingRequestPath() {
        return TWEETS;
    }

    @Override
    protected ResponseDefinitionBuilder serverError(int status) {
        return xError(status, "Service Unavailable", "Service Unavailable");
    }

    @Override
    protected Duration stubRateLimited() {
        stubPublishingRequest(xError(429, "Too Many Requests", "Too Many Requests")
                .withHeader("x-rate-limit-limit", "200")
                .withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() + 900)));
        return Duration.ofMinutes(15);
    }

    @Override
    protected String stubCredentialsRejected() {
        stubPublishingRequest(xError(401, "Unauthorized", "Unauthorized"));
        return "credentials";
    }

    @Override
    protected String stubInvalidRequest() {
        stubPublishingRequest(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json").withBody("""
                {"errors":[{"parameters":{"text":["…"]},"message":"Tweet text is too long."}],
                 "title":"Invalid Request","detail":"One or more parameters to your request was invalid.",
                 "type":"https://api.twitter.com/2/problems/invalid-request"}
                """));
        return "Tweet text is too long.";
    }

    /** The website is X's expanded URL, not the t.co link the profile's {@code url} holds. */
    @Override
    protected ProfileReading stubProfile() {
        api.stubFor(get(urlPathEqualTo(ME)).withQueryParam("user.fields", equalTo("description,url,entities"))
                .withHeader("Authorization", matching(SIGNED)).willReturn(okJson("""
                {"data":{"id":"2244994945","name":"江津市","username":"gotsu_city",
                 "description":"島根県江津市の公式アカウントです。返信・リプライには対応していません。",
                 "url":"https://t.co/Kx7fQ2mPzL",
                 "entities":{"url":{"urls":[{"start":0,"end":23,"url":"https://t.co/Kx7fQ2mPzL",
                   "expanded_url":"https://www.city.gotsu.lg.jp","display_url":"city.gotsu.lg.jp"}]},
                  "description":{"mentions":[]}},
                 "pinned_tweet_id":"1445880548472328192"},
                 "includes":{"tweets":[{"id":"1445880548472328192","text":"江津市公式アカウントです","edit_history_tweet_ids":["1445880548472328192"]}]}}
                """)));
        return new ProfileReading.Profile("江津市", "島根県江津市の公式アカウントです。返信・リプライには対応していません。",
                Optional.of("https://www.city.gotsu.lg.jp"));
    }

    @Override
    protected String stubProfileRefused() {
        api.stubFor(get(urlPathEqualTo(ME)).willReturn(xError(401, "Unauthorized", "Unauthorized")));
        return "401";
    }

    @Override
    public List<String> secrets() {
        return List.of(CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET);
    }

    @Override
    public String stubDuplicateRefusal() {
        stubPublishingRequest(xError(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."));
        return "duplicate content";
    }

    @Override
    public String stubDeletable() {
        api.stubFor(delete(TWEETS + "/" + TWEET_ID).withHeader("Authorization", matching(SIGNED))
                .willReturn(okJson("{\"data\":{\"deleted\":true}}")));
        return TWEET_ID;
    }

    @Override
    public String stubDeleteRefused() {
        api.stubFor(delete(TWEETS + "/1").willReturn(xError(403, "Forbidden", "You are not allowed to delete this Tweet.")));
        return "1";
    }

    @Override
    public String stubDeleteUnavailable() {
        api.stubFor(delete(TWEETS + "/2").willReturn(xError(503, "Service Unavailable", "Service Unavailable")));
        return "2";
    }

    @Override
    public void stubRecentPosts(List<RecentPost> newestFirst) {
        stubRecentPostsAnswer(okJson(page(null, newestFirst)));
    }

    @Override
    public void stubRecentPostsAnswer(ResponseDefinitionBuilder answer) {
        api.stubFor(get(urlPathEqualTo(ME)).willReturn(okJson(
                "{\"data\":{\"id\":\"" + USER_ID + "\",\"name\":\"江津市\",\"username\":\"gotsu_city\"}}")));
        api.stubFor(get(urlPathEqualTo(TIMELINE)).willReturn(answer));
    }

    @Override
    public void stubEndlessRecentPosts() {
        stubRecentPostsAnswer(okJson(page("next-page-token",
                List.of(new RecentPost("1845000000000000009", "別の投稿です", SINCE.plusSeconds(60))))));
    }

    @Override
    public String stubLookUpRefused() {
        stubRecentPostsAnswer(xError(429, "Too Many Requests", "Too Many Requests"));
        return "429";
    }

    /** Each upload answers with the next media id, as X does. */
    @Override
    public String stubPublishedWithImages(int images) {
        for (int i = 1; i <= images; i++) {
            api.stubFor(post(UPLOAD).withHeader("Authorization", matching(SIGNED)).inScenario("uploads")
                    .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "uploaded " + (i - 1)).willSetStateTo("uploaded " + i)
                    .willReturn(okJson("{\"data\":{\"id\":\"" + (MEDIA_ID_BASE + i) + "\",\"media_key\":\"3_"
                            + (MEDIA_ID_BASE + i) + "\",\"size\":11065,\"expires_after_secs\":86400,"
                            + "\"image\":{\"image_type\":\"image/jpeg\",\"w\":1080,\"h\":1350}}}")));
        }
        api.stubFor(post(METADATA).withHeader("Authorization", matching(SIGNED)).willReturn(okJson(
                "{\"data\":{\"associated_metadata\":{\"alt_text\":{\"text\":\"…\"}},\"id\":\"" + (MEDIA_ID_BASE + 1) + "\"}}")));
        return stubPublished();
    }

    /**
     * Each image went up as multipart {@code media} bytes with {@code media_category=tweet_image}, in order; its alt
     * text as JSON to {@code /2/media/metadata}; the post names the media ids, in order, as strings.
     */
    @Override
    protected void verifyImagesSent(Publication publication) {
        List<LoggedRequest> uploads = api.findAll(postRequestedFor(urlPathEqualTo(UPLOAD)));
        assertThat(uploads).hasSize(publication.media().size());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            MediaItem image = publication.media().get(i);
            LoggedRequest upload = uploads.get(i);
            assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
            assertThat(upload.getHeader("Authorization")).matches(SIGNED);
            assertThat(upload.getPart("media").getBody().asBytes()).isEqualTo(TestImages.bytesOf(image.publicUrl()));
            assertThat(upload.getPart("media").getHeader("Content-Type").firstValue()).isEqualTo("image/jpeg");
            assertThat(upload.getPart("media_category").getBody().asString()).isEqualTo("tweet_image");
            String id = Long.toString(MEDIA_ID_BASE + i + 1);
            ids.add("\"" + id + "\"");
            api.verify(1, postRequestedFor(urlPathEqualTo(METADATA)).withHeader("Authorization", matching(SIGNED))
                    .withRequestBody(equalToJson("{\"id\":\"" + id + "\",\"metadata\":{\"alt_text\":{\"text\":\""
                            + image.altText() + "\"}}}")));
        }
        api.verify(1, postRequestedFor(urlPathEqualTo(TWEETS))
                .withRequestBody(matchingJsonPath("$.media.media_ids", equalToJson("[" + String.join(",", ids) + "]"))));
    }

    @Override
    public void stubFirstUploadAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(post(UPLOAD).atPriority(1).willReturn(answer));
    }

    /** An image without alt text is uploaded and posted without a metadata request. */
    @Test
    void describesNoImageThatHasNoAltText() {
        String postId = stubPublishedWithImages(1);
        URI address = URI.create("https://koho.city.gotsu.lg.jp/media/1.jpg");
        MediaItem undescribed = TestImages.image(address, "", TestImages.bytesOf(address));

        assertThat(connector().publish(publishable().media(undescribed).build()))
                .isEqualTo(new PublishOutcome.Published(postId));
        api.verify(0, postRequestedFor(urlPathEqualTo(METADATA)));
    }

    /** X API v2's problem-details error body. */
    static ResponseDefinitionBuilder xError(int status, String title, String detail) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"" + title + "\",\"detail\":\"" + detail + "\",\"type\":\"about:blank\",\"status\":"
                        + status + "}");
    }

    private static String page(String nextToken, List<RecentPost> tweets) {
        String data = tweets.stream().map(tweet -> "{\"id\":\"" + tweet.id() + "\",\"text\":\""
                + tweet.text().replace("\n", "\\n") + "\",\"created_at\":\"" + X_TIME.format(tweet.postedAt())
                + "\",\"edit_history_tweet_ids\":[\"" + tweet.id() + "\"]}").collect(Collectors.joining(","));
        return "{\"data\":[" + data + "],\"meta\":{\"result_count\":" + tweets.size()
                + (nextToken == null ? "" : ",\"next_token\":\"" + nextToken + "\"") + "}}";
    }
}
