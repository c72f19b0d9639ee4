package org.kohogateway.connectors.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.ACCESS;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.APPLY_WRITES;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.APP_PASSWORD;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.CREATE_SESSION;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.DELETE_RECORD;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.DID;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.GET_PROFILE;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.HANDLE;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.REFRESH;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.UPLOAD_BLOB;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.error;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformConnectorContract;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublicationBuilder;
import org.kohogateway.connectors.TestImages;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Bluesky's XRPC, as a PDS answers it. */
class BlueskyConnectorContractTest extends PlatformConnectorContract
        implements PlatformConnectorContract.RefusesAnswersAndQuotes, PlatformConnectorContract.UploadsBeforePosting,
        PlatformConnectorContract.UploadsBytes, PlatformConnectorContract.DeletesPosts {

    private static final Instant NOW = Instant.parse("2025-10-01T08:10:00Z");
    private static final String TEXT = "【江津市】本日17時から江の川河川敷で花火大会を開催します。";

    @BeforeEach
    void session() {
        BlueskyStubs.session(api, ACCESS);
    }

    @Override
    protected Platform expectedPlatform() {
        return Platform.BLUESKY;
    }

    /** A repeat writes under the same record key, which holds one post at most. */
    @Override
    protected boolean expectedToDeduplicateRetries() {
        return true;
    }

    @Override
    protected PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new BlueskyConnector(new BlueskySettings(baseUrl, HANDLE, APP_PASSWORD, connectTimeout, readTimeout),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    public PublicationBuilder publishable() {
        return aPublication().deliveryKey(deliveryKey).text(TEXT);
    }

    @Override
    protected Publication nothingToPost() {
        return publishable().text(" ").build();
    }

    @Override
    protected int maxImages() {
        return 4;
    }

    @Override
    protected String stubPublished() {
        String uri = BlueskyStubs.postUri(deliveryKey);
        api.stubFor(BlueskyStubs.writes(ACCESS).withRequestBody(matchingJsonPath("$.repo", equalTo(DID)))
                .willReturn(BlueskyStubs.created(uri)));
        return uri;
    }

    @Override
    protected void stubPublishingRequest(ResponseDefinitionBuilder answer) {
        api.stubFor(post(APPLY_WRITES).willReturn(answer));
    }

    @Override
    protected String publishingRequestPath() {
        return APPLY_WRITES;
    }

    @Override
    protected ResponseDefinitionBuilder serverError(int status) {
        return status == 500 ? error(500, "InternalServerError", "Internal Server Error")
                : error(status, "UpstreamFailure", "Upstream Failure");
    }

    @Override
    protected Duration stubRateLimited() {
        stubPublishingRequest(error(429, "RateLimitExceeded", "Rate Limit Exceeded")
                .withHeader("RateLimit-Limit", "5000")
                .withHeader("RateLimit-Remaining", "0")
                .withHeader("RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 900))
                .withHeader("RateLimit-Policy", "5000;w=3600"));
        return Duration.ofMinutes(15);
    }

    @Override
    protected String stubCredentialsRejected() {
        api.stubFor(post(CREATE_SESSION).atPriority(1)
                .willReturn(error(401, "AuthenticationRequired", "Invalid identifier or password")));
        return "Invalid identifier or password";
    }

    @Override
    protected String stubInvalidRequest() {
        stubPublishingRequest(error(400, "InvalidRequest",
                "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes"));
        return "must not be longer than 300 graphemes";
    }

    @Override
    protected ProfileReading stubProfile() {
        api.stubFor(get(urlPathEqualTo(GET_PROFILE)).withQueryParam("actor", equalTo(DID))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS)).willReturn(okJson("""
                        {"did":"%s","handle":"%s","displayName":"江津市",
                         "description":"島根県江津市の公式アカウントです。返信・リプライには対応していません。",
                         "website":"https://www.city.gotsu.lg.jp","followersCount":1520,"followsCount":3,
                         "postsCount":210,"indexedAt":"2025-09-30T00:00:00.000Z"}
                        """.formatted(DID, HANDLE))));
        return new ProfileReading.Profile("江津市", "島根県江津市の公式アカウントです。返信・リプライには対応していません。",
                Optional.of("https://www.city.gotsu.lg.jp"));
    }

    /** The session's token is refused, and so is the one of the session made again. */
    @Override
    protected String stubProfileRefused() {
        api.stubFor(get(urlPathEqualTo(GET_PROFILE)).willReturn(error(401, "AuthenticationRequired",
                "Token could not be verified")));
        return "401";
    }

    @Override
    public List<String> secrets() {
        return List.of(APP_PASSWORD, ACCESS, REFRESH);
    }

    /** Each upload answers the next blob, as a PDS names a blob by its bytes' CID. */
    @Override
    public String stubPublishedWithImages(int images) {
        for (int i = 1; i <= images; i++) {
            api.stubFor(post(UPLOAD_BLOB).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                    .withHeader("Content-Type", equalTo("image/jpeg")).inScenario("uploads")
                    .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "uploaded " + (i - 1))
                    .willSetStateTo("uploaded " + i)
                    .willReturn(okJson("{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"" + blobCid(i)
                            + "\"},\"mimeType\":\"image/jpeg\",\"size\":48213}}")));
        }
        return stubPublished();
    }

    private static String blobCid(int i) {
        return "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52z" + (char) ('a' + i);
    }

    @Override
    public void stubFirstUploadAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(post(UPLOAD_BLOB).atPriority(1).willReturn(answer));
    }

    /**
     * Each image went up as its bytes with its type, in order; the post's images embed names the blobs in that order,
     * each with its alt text and aspect ratio.
     */
    @Override
    protected void verifyImagesSent(Publication publication) {
        List<LoggedRequest> uploads = api.findAll(postRequestedFor(urlPathEqualTo(UPLOAD_BLOB)));
        assertThat(uploads).hasSize(publication.media().size());
        for (int i = 0; i < uploads.size(); i++) {
            MediaItem image = publication.media().get(i);
            assertThat(uploads.get(i).getBody()).isEqualTo(TestImages.bytesOf(image.publicUrl()));
            assertThat(uploads.get(i).getHeader("Content-Type")).isEqualTo("image/jpeg");
            String item = "$.writes[0].value.embed.images[" + i + "]";
            api.verify(1, postRequestedFor(urlPathEqualTo(APPLY_WRITES))
                    .withRequestBody(matchingJsonPath("$.writes[0].value.embed.$type", equalTo("app.bsky.embed.images")))
                    .withRequestBody(matchingJsonPath(item + ".image.ref.$link", equalTo(blobCid(i + 1))))
                    .withRequestBody(matchingJsonPath(item + ".alt", equalTo(image.altText())))
                    .withRequestBody(matchingJsonPath(item + ".aspectRatio.width", equalTo("1080"))));
        }
    }

    @Override
    public String stubDeletable() {
        api.stubFor(post(DELETE_RECORD).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .withRequestBody(matchingJsonPath("$.repo", equalTo(DID)))
                .willReturn(okJson("{\"commit\":{\"cid\":\"bafyreibgz3kh7wcnhkqjnrcf2nb6f2fhhzk6tcaoqlpqzoeaxrmqnuqcxy\","
                        + "\"rev\":\"3lbqxhlpsyk2b\"}}")));
        return RecordKeys.postUri(DID, "3lbqxhlpsyk2c");
    }

    @Override
    public String stubDeleteRefused() {
        api.stubFor(post(DELETE_RECORD).withRequestBody(matchingJsonPath("$.rkey", equalTo("3lbqxhlpsyk2d")))
                .willReturn(error(400, "InvalidRequest", "Invalid record key")));
        return RecordKeys.postUri(DID, "3lbqxhlpsyk2d");
    }

    @Override
    public String stubDeleteUnavailable() {
        api.stubFor(post(DELETE_RECORD).withRequestBody(matchingJsonPath("$.rkey", equalTo("3lbqxhlpsyk2e")))
                .willReturn(error(503, "UpstreamFailure", "Upstream Failure")));
        return RecordKeys.postUri(DID, "3lbqxhlpsyk2e");
    }
}
