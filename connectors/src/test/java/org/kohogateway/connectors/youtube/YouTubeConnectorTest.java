package org.kohogateway.connectors.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.youtube.YouTubeStubs.UPLOAD;
import static org.kohogateway.connectors.youtube.YouTubeStubs.VIDEOS;
import static org.kohogateway.connectors.youtube.YouTubeStubs.VIDEO_ID;
import static org.kohogateway.connectors.youtube.YouTubeStubs.chunk;
import static org.kohogateway.connectors.youtube.YouTubeStubs.chunkSent;
import static org.kohogateway.connectors.youtube.YouTubeStubs.error;
import static org.kohogateway.connectors.youtube.YouTubeStubs.received;
import static org.kohogateway.connectors.youtube.YouTubeStubs.statusQuery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.PublicationBuilder;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** What only YouTube does: chunks and their resumption, the schedule, the playlist, holding a video back. */
class YouTubeConnectorTest {

    @RegisterExtension
    static final WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = YouTubeConnectorContractTest.NOW;
    private static final Instant APPROVED = Instant.parse("2025-10-02T00:00:00Z");
    /** Three chunks of 256 KiB: 0-262143, 262144-524287, and the last, 524288-599999. */
    private static final int SIZE = 600_000;
    private static final int CHUNK = YouTubeSettings.CHUNK_UNIT;
    private static final String TEXT = "【江津市】花火大会のお知らせ <速報>\n本日17時から江の川河川敷で花火大会を開催します。";

    @BeforeEach
    void token() {
        YouTubeStubs.token(api, 3599);
    }

    private static YouTubeConnector connector(Optional<String> playlist) {
        return new YouTubeConnector(YouTubeStubs.settings(URI.create(api.baseUrl()), playlist, Duration.ofSeconds(2),
                Duration.ofSeconds(5)), YouTubeConnectorContractTest.REGISTERED_AS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PublicationBuilder video() {
        return aPublication().text(TEXT).media(YouTubeStubs.video(SIZE)).publishAt(APPROVED);
    }

    private static void stubStart() {
        api.stubFor(YouTubeStubs.start().willReturn(YouTubeStubs.started(api)));
    }

    /** The upload starts, and its first two chunks are answered 308 with all their bytes received. */
    private static void stubStartAndTheFirstTwoChunks() {
        stubStart();
        api.stubFor(chunk(0, CHUNK - 1, SIZE).willReturn(received(CHUNK - 1)));
        api.stubFor(chunk(CHUNK, 2 * CHUNK - 1, SIZE).willReturn(received(2 * CHUNK - 1)));
    }

    private static byte[] slice(int from, int toExclusive) {
        return Arrays.copyOfRange(YouTubeStubs.bytes(SIZE), from, toExclusive);
    }

    @Test
    void uploadsTheVideoInChunksPrivateAndScheduledForTheApprovedTime() {
        stubStartAndTheFirstTwoChunks();
        api.stubFor(chunk(2 * CHUNK, SIZE - 1, SIZE).willReturn(YouTubeStubs.uploaded(VIDEO_ID, "private", APPROVED)));

        assertThat(connector(Optional.empty()).publish(video().build()))
                .isEqualTo(new PublishOutcome.Published(VIDEO_ID));

        api.verify(1, postRequestedFor(urlPathEqualTo(UPLOAD))
                .withQueryParam("part", havingExactly("snippet", "status"))
                .withHeader("X-Upload-Content-Type", equalTo("video/mp4"))
                .withHeader("X-Upload-Content-Length", equalTo(Integer.toString(SIZE)))
                .withRequestBody(matchingJsonPath("$.status.privacyStatus", equalTo("private")))
                .withRequestBody(matchingJsonPath("$.status.publishAt", equalTo("2025-10-02T00:00:00.000Z")))
                .withRequestBody(matchingJsonPath("$.status.selfDeclaredMadeForKids", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.snippet.title", equalTo("【江津市】花火大会のお知らせ ＜速報＞")))
                .withRequestBody(matchingJsonPath("$.snippet.description", equalTo(TEXT.replace("<", "＜")
                        .replace(">", "＞"))))
                .withRequestBody(matchingJsonPath("$.snippet.categoryId", equalTo("25"))));
        assertThat(api.findAll(chunkSent(CHUNK, 2 * CHUNK - 1, SIZE)).get(0).getBody()).isEqualTo(slice(CHUNK, 2 * CHUNK));
        assertThat(api.findAll(chunkSent(2 * CHUNK, SIZE - 1, SIZE)).get(0).getBody()).isEqualTo(slice(2 * CHUNK, SIZE));
    }

    /**
     * The connection drops while the second chunk is on its way; the upload's address says it has half of it (308 with
     * Range), and the upload goes on from the first byte it lacks: one video, every byte once after the drop.
     */
    @Test
    void resumesFromWhatTheUploadHasAfterTheConnectionDropsMidUpload() {
        stubStart();
        int half = CHUNK + CHUNK / 2;
        api.stubFor(chunk(0, CHUNK - 1, SIZE).willReturn(received(CHUNK - 1)));
        api.stubFor(chunk(CHUNK, 2 * CHUNK - 1, SIZE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        api.stubFor(statusQuery(SIZE).willReturn(received(half - 1)));
        api.stubFor(chunk(half, SIZE - 1, SIZE).willReturn(YouTubeStubs.uploaded(VIDEO_ID, "private", APPROVED)));

        assertThat(connector(Optional.empty()).publish(video().build()))
                .isEqualTo(new PublishOutcome.Published(VIDEO_ID));

        api.verify(1, putRequestedFor(urlPathEqualTo(UPLOAD)).withHeader("Content-Range", equalTo("bytes */" + SIZE)));
        assertThat(api.findAll(chunkSent(half, SIZE - 1, SIZE))).singleElement()
                .satisfies(resumed -> assertThat(resumed.getBody()).isEqualTo(slice(half, SIZE)));
        api.verify(1, postRequestedFor(urlPathEqualTo(UPLOAD)));
    }

    /** Asking the upload's address after a lost answer to the last chunk finds the video YouTube made. */
    @Test
    void aLostAnswerToTheLastChunkIsSettledByAskingTheUploadForItsState() {
        stubStartAndTheFirstTwoChunks();
        api.stubFor(chunk(2 * CHUNK, SIZE - 1, SIZE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        api.stubFor(statusQuery(SIZE).willReturn(YouTubeStubs.uploaded(VIDEO_ID, "private", APPROVED)));

        assertThat(connector(Optional.empty()).publish(video().build()))
                .isEqualTo(new PublishOutcome.Published(VIDEO_ID));
        api.verify(1, chunkSent(2 * CHUNK, SIZE - 1, SIZE));
    }

    @Test
    void aLostAnswerToTheLastChunkThatTheUploadCannotSettleIsUnknown() {
        stubStartAndTheFirstTwoChunks();
        api.stubFor(chunk(2 * CHUNK, SIZE - 1, SIZE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        api.stubFor(statusQuery(SIZE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(connector(Optional.empty()).publish(video().build())).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains("may have made the video");
        api.verify(1, chunkSent(2 * CHUNK, SIZE - 1, SIZE));
        api.verify(2, putRequestedFor(urlPathEqualTo(UPLOAD)).withHeader("Content-Range", equalTo("bytes */" + SIZE)));
    }

    /** Before the last chunk YouTube holds an incomplete upload no one sees: trying again later cannot make two videos. */
    @Test
    void aChunkBeforeTheLastThatKeepsFailingIsTransient() {
        stubStart();
        api.stubFor(chunk(0, CHUNK - 1, SIZE).willReturn(error(503, "global", "backendError", "Backend Error")));
        api.stubFor(statusQuery(SIZE).willReturn(error(503, "global", "backendError", "Backend Error")));

        assertThat(connector(Optional.empty()).publish(video().build())).isInstanceOf(PublishOutcome.Transient.class);
        api.verify(0, chunkSent(2 * CHUNK, SIZE - 1, SIZE));
    }

    @Test
    void aPauseBetweenChunksStopsBeforeTheLastOneAndNothingIsPublished() {
        stubStartAndTheFirstTwoChunks();
        int[] asked = {0};

        assertThat(connector(Optional.empty()).publish(video().build(), () -> ++asked[0] < 3))
                .asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("paused", "nothing was published");
        api.verify(0, chunkSent(2 * CHUNK, SIZE - 1, SIZE));
    }

    /** YouTube holds only a video whose time is ahead; one approved for now (or a late send) is public at once. */
    @Test
    void aVideoWithoutAnApprovedTimeAheadIsPublicAtOnce() {
        stubStart();
        api.stubFor(put(urlPathEqualTo(UPLOAD)).willReturn(YouTubeStubs.uploaded(VIDEO_ID, "public", NOW)));

        connector(Optional.empty()).publish(aPublication().text(TEXT).media(YouTubeStubs.video(1000))
                .publishAt(NOW.plusSeconds(30)).build());

        api.verify(postRequestedFor(urlPathEqualTo(UPLOAD))
                .withRequestBody(matchingJsonPath("$.status.privacyStatus", equalTo("public")))
                .withRequestBody(matchingJsonPath("$.status.publishAt", absent())));
    }

    @Test
    void addsTheVideoToThePolicysPlaylistOnceUploaded() {
        stubStart();
        api.stubFor(put(urlPathEqualTo(UPLOAD)).willReturn(YouTubeStubs.uploaded(VIDEO_ID, "private", APPROVED)));
        api.stubFor(post(urlPathEqualTo(YouTubeStubs.PLAYLIST_ITEMS)).willReturn(okJson("{\"id\":\"UExp\"}")));

        assertThat(connector(Optional.of("PLgotsuCityNews01")).publish(aPublication().text(TEXT)
                .media(YouTubeStubs.video(1000)).publishAt(APPROVED).build()))
                .isEqualTo(new PublishOutcome.Published(VIDEO_ID));

        api.verify(1, postRequestedFor(urlPathEqualTo(YouTubeStubs.PLAYLIST_ITEMS))
                .withQueryParam("part", equalTo("snippet"))
                .withRequestBody(matchingJsonPath("$.snippet.playlistId", equalTo("PLgotsuCityNews01")))
                .withRequestBody(matchingJsonPath("$.snippet.resourceId.videoId", equalTo(VIDEO_ID))));
    }

    @Test
    void refusesATextOnlyPostAsACommunityPostAndAnImageWithoutCallingYouTube() {
        YouTubeConnector connector = connector(Optional.empty());

        assertThat(connector.publish(aPublication().text(TEXT).build())).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString()
                .contains("YouTube posts are videos; community posts are not available through the API");
        assertThat(connector.publish(aPublication().text(TEXT).media(URI.create("https://koho.example/1.jpg")).build()))
                .asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("image/jpeg is not a video");
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void aChannelsDailyUploadLimitWaitsADay() {
        api.stubFor(YouTubeStubs.start().willReturn(error(400, "youtube.video", "uploadLimitExceeded",
                "The user has exceeded the number of videos they may upload.")));

        assertThat(connector(Optional.empty()).publish(video().build())).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ofDays(1)));
    }

    /** The token lives an hour: one exchange serves every call until a minute before it expires. */
    @Test
    void reusesTheAccessTokenUntilAMinuteBeforeItExpires() {
        api.stubFor(YouTubeStubs.channels("snippet").willReturn(okJson("{\"items\":[{\"snippet\":{\"title\":\"江津市\"}}]}")));
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        YouTubeConnector connector = new YouTubeConnector(YouTubeStubs.settings(URI.create(api.baseUrl()),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                YouTubeConnectorContractTest.REGISTERED_AS, clock);

        connector.readProfile();
        now[0] = NOW.plusSeconds(3599 - 61);
        connector.readProfile();
        api.verify(1, postRequestedFor(urlPathEqualTo(YouTubeStubs.TOKEN))
                .withRequestBody(containing("refresh_token=")));

        now[0] = NOW.plusSeconds(3599 - 59);
        connector.readProfile();
        api.verify(2, postRequestedFor(urlPathEqualTo(YouTubeStubs.TOKEN)));
    }

    // --- holding a scheduled video back

    private static void stubStatus(String privacy, String publishAt) {
        api.stubFor(get(urlPathEqualTo(VIDEOS)).withQueryParam("id", equalTo(VIDEO_ID))
                .withQueryParam("part", equalTo("status")).willReturn(okJson("""
                        {"items":[{"kind":"youtube#video","id":"%s","status":{"uploadStatus":"processed",
                         "privacyStatus":"%s"%s,"license":"creativeCommon","embeddable":false,
                         "publicStatsViewable":true,"madeForKids":false,"selfDeclaredMadeForKids":false}}]}
                        """.formatted(VIDEO_ID, privacy, publishAt == null ? "" : ",\"publishAt\":\"" + publishAt + "\""))));
    }

    @Test
    void holdsAScheduledVideoBackAsPrivateWithoutATimeKeepingTheRestOfItsStatus() {
        stubStatus("private", "2025-10-02T00:00:00Z");
        api.stubFor(put(urlPathEqualTo(VIDEOS)).willReturn(okJson("{\"id\":\"" + VIDEO_ID + "\"}")));

        assertThat(connector(Optional.empty()).holdBack(VIDEO_ID)).isEqualTo(new ScheduleChange.Held(VIDEO_ID, APPROVED));

        api.verify(1, putRequestedFor(urlPathEqualTo(VIDEOS)).withQueryParam("part", equalTo("status"))
                .withRequestBody(matchingJsonPath("$.id", equalTo(VIDEO_ID)))
                .withRequestBody(matchingJsonPath("$.status.privacyStatus", equalTo("private")))
                .withRequestBody(matchingJsonPath("$.status.publishAt", absent()))
                .withRequestBody(matchingJsonPath("$.status.license", equalTo("creativeCommon")))
                .withRequestBody(matchingJsonPath("$.status.embeddable", equalTo("false"))));
    }

    @Test
    void aVideoAlreadyPublicCannotBeHeldBackAndIsLeftAlone() {
        stubStatus("public", null);

        assertThat(connector(Optional.empty()).holdBack(VIDEO_ID)).isEqualTo(new ScheduleChange.AlreadyPublic(VIDEO_ID));
        api.verify(0, putRequestedFor(urlPathEqualTo(VIDEOS)));
    }

    @Test
    void refusesToHoldBackWhatIsNotAVideoIdWithoutCallingYouTube() {
        assertThat(connector(Optional.empty()).holdBack("../channels")).isInstanceOf(ScheduleChange.Failed.class);
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    /** The quota of the Google Cloud project resets at midnight Pacific Time, daylight saving or not. */
    @Test
    void theQuotaResetsAtMidnightPacificTime() {
        assertThat(YouTubeFailures.untilQuotaReset(Clock.fixed(Instant.parse("2025-12-01T07:30:00Z"), ZoneOffset.UTC)))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(YouTubeFailures.untilQuotaReset(Clock.fixed(Instant.parse("2025-07-01T06:00:00Z"), ZoneOffset.UTC)))
                .isEqualTo(Duration.ofHours(1));
        assertThat(List.of(YouTubeFailures.QUOTA_RESET_ZONE.getId())).containsExactly("America/Los_Angeles");
    }
}
