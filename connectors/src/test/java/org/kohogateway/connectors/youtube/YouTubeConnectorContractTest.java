package org.kohogateway.connectors.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.youtube.YouTubeStubs.ACCESS;
import static org.kohogateway.connectors.youtube.YouTubeStubs.CLIENT_SECRET;
import static org.kohogateway.connectors.youtube.YouTubeStubs.PLAYLIST_ITEMS;
import static org.kohogateway.connectors.youtube.YouTubeStubs.REFRESH;
import static org.kohogateway.connectors.youtube.YouTubeStubs.SESSION;
import static org.kohogateway.connectors.youtube.YouTubeStubs.UPLOADS;
import static org.kohogateway.connectors.youtube.YouTubeStubs.VIDEOS;
import static org.kohogateway.connectors.youtube.YouTubeStubs.VIDEO_ID;
import static org.kohogateway.connectors.youtube.YouTubeStubs.error;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformConnectorContract;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublicationBuilder;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * The Data API v3 as the reference describes it ({@link YouTubeStubs}). The request that makes the post is the upload's
 * last chunk, a PUT; the video here is one chunk long.
 */
class YouTubeConnectorContractTest extends PlatformConnectorContract
        implements PlatformConnectorContract.RefusesAnswersAndQuotes, PlatformConnectorContract.DeletesPosts,
        PlatformConnectorContract.FindsRecentPosts {

    /** What the gateway registers the connector under; the connector answers what it is given. */
    static final Platform REGISTERED_AS = Platform.YOUTUBE;
    static final Instant NOW = Instant.parse("2025-10-01T08:10:00Z");
    static final int SIZE = 100_000;
    private static final String TEXT = "【江津市】花火大会のお知らせ\n本日17時から江の川河川敷で花火大会を開催します。";

    @BeforeEach
    void token() {
        YouTubeStubs.token(api, 3599);
    }

    @Override
    protected Platform expectedPlatform() {
        return REGISTERED_AS;
    }

    @Override
    protected boolean expectedToDeduplicateRetries() {
        return false;
    }

    @Override
    protected PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        return new YouTubeConnector(YouTubeStubs.settings(baseUrl, Optional.empty(), connectTimeout, readTimeout),
                REGISTERED_AS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    public PublicationBuilder publishable() {
        return aPublication().deliveryKey(deliveryKey).text(TEXT).media(YouTubeStubs.video(SIZE));
    }

    /** A text-only post would be a community post, which the API does not offer. */
    @Override
    protected Publication nothingToPost() {
        return aPublication().deliveryKey(deliveryKey).text(TEXT).build();
    }

    @Override
    protected int maxImages() {
        return 0;
    }

    @Override
    protected boolean carriesImages() {
        return false;
    }

    @Override
    protected String stubPublished() {
        api.stubFor(YouTubeStubs.start().willReturn(YouTubeStubs.started(api)));
        api.stubFor(YouTubeStubs.chunk(0, SIZE - 1, SIZE)
                .willReturn(YouTubeStubs.uploaded(VIDEO_ID, "public", NOW)));
        return VIDEO_ID;
    }

    /** The last chunk answers {@code answer}, and so does every question about how much arrived. */
    @Override
    protected void stubPublishingRequest(ResponseDefinitionBuilder answer) {
        api.stubFor(YouTubeStubs.start().willReturn(YouTubeStubs.started(api)));
        api.stubFor(YouTubeStubs.chunk(0, SIZE - 1, SIZE).willReturn(answer));
        api.stubFor(YouTubeStubs.statusQuery(SIZE).willReturn(answer));
    }

    @Override
    protected String publishingRequestPath() {
        return SESSION;
    }

    @Override
    protected RequestPatternBuilder publishingRequest() {
        return YouTubeStubs.chunkSent(0, SIZE - 1, SIZE);
    }

    @Override
    protected ResponseDefinitionBuilder serverError(int status) {
        return switch (status) {
            case 500 -> error(500, "global", "backendError", "Backend Error");
            case 503 -> error(503, "global", "serviceUnavailable", "The service is currently unavailable.");
            default -> error(status, "global", "backendError", "Backend Error");
        };
    }

    /** The project's quota is spent: the wait is until midnight Pacific Time (07:00 UTC in October). */
    @Override
    protected Duration stubRateLimited() {
        api.stubFor(YouTubeStubs.start().willReturn(error(403, "youtube.quota", "quotaExceeded",
                "The request cannot be completed because you have exceeded your quota.")));
        return Duration.between(NOW, Instant.parse("2025-10-02T07:00:00Z"));
    }

    @Override
    protected String stubCredentialsRejected() {
        api.stubFor(post(YouTubeStubs.TOKEN).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));
        return "Token has been expired or revoked.";
    }

    @Override
    protected String stubInvalidRequest() {
        api.stubFor(YouTubeStubs.start().willReturn(error(400, "youtube.video", "invalidCategoryId",
                "The snippet.categoryId property specifies an invalid category ID.")));
        return "specifies an invalid category ID";
    }

    @Override
    protected ProfileReading stubProfile() {
        api.stubFor(YouTubeStubs.channels("snippet").willReturn(okJson("""
                {"kind":"youtube#channelListResponse","pageInfo":{"totalResults":1,"resultsPerPage":5},
                 "items":[{"kind":"youtube#channel","id":"%s","snippet":{"title":"江津市公式チャンネル",
                  "description":"島根県江津市の公式チャンネルです。コメントには返信していません。https://www.city.gotsu.lg.jp/",
                  "customUrl":"@gotsucity","publishedAt":"2015-04-01T00:00:00Z","country":"JP"}}]}
                """.formatted(YouTubeStubs.CHANNEL))));
        return new ProfileReading.Profile("江津市公式チャンネル",
                "島根県江津市の公式チャンネルです。コメントには返信していません。https://www.city.gotsu.lg.jp/", Optional.empty());
    }

    @Override
    protected String stubProfileRefused() {
        api.stubFor(get(urlPathEqualTo(YouTubeStubs.CHANNELS)).willReturn(error(401, "global", "authError",
                "Request had invalid authentication credentials.")));
        return "401";
    }

    @Override
    public List<String> secrets() {
        return List.of(CLIENT_SECRET, REFRESH, ACCESS);
    }

    @Override
    public String stubPublishedWithImages(int images) {
        throw new UnsupportedOperationException("a YouTube post carries a video, not images");
    }

    @Override
    protected void verifyImagesSent(Publication publication) {
        throw new UnsupportedOperationException("a YouTube post carries a video, not images");
    }

    // --- deleting

    @Override
    public String stubDeletable() {
        api.stubFor(delete(urlPathEqualTo(VIDEOS)).withQueryParam("id", equalTo(VIDEO_ID))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS)).willReturn(aResponse().withStatus(204)));
        return VIDEO_ID;
    }

    @Override
    public String stubDeleteRefused() {
        api.stubFor(delete(urlPathEqualTo(VIDEOS)).withQueryParam("id", equalTo("AAAAAAAAAAA"))
                .willReturn(error(403, "youtube.video", "forbidden",
                        "The video that you are trying to delete cannot be deleted.")));
        return "AAAAAAAAAAA";
    }

    @Override
    public String stubDeleteUnavailable() {
        api.stubFor(delete(urlPathEqualTo(VIDEOS)).withQueryParam("id", equalTo("BBBBBBBBBBB"))
                .willReturn(error(503, "global", "serviceUnavailable", "The service is currently unavailable.")));
        return "BBBBBBBBBBB";
    }

    // --- looking up recent uploads

    @Override
    public void stubRecentPosts(List<RecentPost> newestFirst) {
        stubUploadsPlaylist();
        StringBuilder items = new StringBuilder();
        for (RecentPost post : newestFirst) {
            items.append(items.isEmpty() ? "" : ",").append(item(post.id(), post.text(), post.postedAt()));
        }
        api.stubFor(get(urlPathEqualTo(PLAYLIST_ITEMS)).withQueryParam("playlistId", equalTo(UPLOADS))
                .willReturn(okJson("{\"kind\":\"youtube#playlistItemListResponse\",\"items\":[" + items + "]}")));
    }

    @Override
    public void stubRecentPostsAnswer(ResponseDefinitionBuilder answer) {
        stubUploadsPlaylist();
        api.stubFor(get(urlPathEqualTo(PLAYLIST_ITEMS)).willReturn(answer));
    }

    @Override
    public void stubEndlessRecentPosts() {
        stubUploadsPlaylist();
        api.stubFor(get(urlPathEqualTo(PLAYLIST_ITEMS)).willReturn(okJson(
                "{\"nextPageToken\":\"EAAaBlBUOkNESQ\",\"items\":[" + item("Zz9aaaaaaaa", "別の動画です",
                        FindsRecentPosts.SINCE.plusSeconds(30)) + "]}")));
    }

    @Override
    public String stubLookUpRefused() {
        stubRecentPostsAnswer(error(403, "youtube.playlistItem", "playlistItemsNotAccessible",
                "The request is not properly authorized to retrieve the specified playlist."));
        return "playlistItemsNotAccessible";
    }

    private void stubUploadsPlaylist() {
        api.stubFor(YouTubeStubs.channels("contentDetails").willReturn(okJson("""
                {"items":[{"kind":"youtube#channel","id":"%s","contentDetails":{"relatedPlaylists":{"likes":"",
                 "uploads":"%s"}}}]}
                """.formatted(YouTubeStubs.CHANNEL, UPLOADS))));
    }

    private static String item(String videoId, String description, Instant uploadedAt) {
        return """
                {"kind":"youtube#playlistItem","id":"VVVxM0NpLWg5NDVzYkVZWHBWbHc3ckpnLnh4","snippet":{"publishedAt":"%s",
                 "channelId":"%s","title":"動画","description":%s,"playlistId":"%s","position":0,
                 "resourceId":{"kind":"youtube#video","videoId":"%s"}}}
                """.formatted(uploadedAt, YouTubeStubs.CHANNEL, json(description), UPLOADS, videoId);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
