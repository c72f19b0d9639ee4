package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.crisis.PauseReport;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.demo.SimulatedYouTube;
import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import tools.jackson.databind.JsonNode;

/**
 * A YouTube post with a video through the dispatcher, the registry and the real connector to the simulated channel:
 * the video goes up a lead time before its time, private with {@code publishAt} at the approved time, so that YouTube
 * publishes it on time; a pause before then sets it back to private without a time, and says so in its report and the
 * audit trail.
 */
class YouTubeDispatchIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    SendLog sendLog;

    @Autowired
    MediaLibrary library;

    @Autowired
    Pauses pauses;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Reconciler reconciler;

    private final SimulatedYouTube youtube = SimulatedPlatforms.shared().youtube();

    @Test
    void aVideoGoesUpPrivateAheadOfItsTimeAndAPauseBeforeThenHoldsItBack() {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount account = data.account(world.departmentA(), Platform.YOUTUBE, "江津市 YouTube " + n,
                new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED), TestData.youtubeCredentials(n));
        String text = "【江津市】花火大会のお知らせ " + n + "\n本日20時から江の川河川敷で花火大会を開催します。";
        Instant soon = clock.instant().plus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant later = clock.instant().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Delivery inTheLead = only(videoPost(world, text, soon, account));
        Delivery notYet = only(videoPost(world, "【江津市】来週の行事 " + n, later, account));

        dispatcher.drain();

        DeliveryView sent = view(inTheLead);
        assertThat(sent.status()).as("sent 20 minutes before its time, within the 30-minute lead").isEqualTo(DeliveryStatus.SENT);
        assertThat(view(notYet).status()).as("two hours ahead: not yet").isEqualTo(DeliveryStatus.SCHEDULED);
        JsonNode video = youtube.video(sent.platformPostId()).orElseThrow();
        assertThat(video.path("snippet").path("title").asString()).isEqualTo("【江津市】花火大会のお知らせ " + n);
        assertThat(video.path("status").path("privacyStatus").asString()).isEqualTo("private");
        assertThat(Instant.parse(video.path("status").path("publishAt").asString())).isEqualTo(soon);

        PauseReport report = pauses.pause(world.admin(), account.id(), "花火大会は中止（荒天）");
        try {
            assertThat(report.heldBack()).singleElement().satisfies(h -> {
                assertThat(h.deliveryId()).isEqualTo(inTheLead.id());
                assertThat(h.held()).isTrue();
                assertThat(h.outcome()).contains("no longer scheduled");
            });
            JsonNode heldBack = youtube.video(sent.platformPostId()).orElseThrow();
            assertThat(heldBack.path("status").path("privacyStatus").asString()).isEqualTo("private");
            assertThat(heldBack.path("status").has("publishAt")).as("YouTube will not publish it").isFalse();
            assertThat(jdbc.sql("select count(*) from audit_entry where action = 'DELIVERY_HELD_BACK_ON_PLATFORM' "
                    + "and subject_id = :id").param("id", inTheLead.id().toString()).query(Long.class).single())
                    .isEqualTo(1);
        } finally {
            pauses.resume(world.admin(), account.id());
        }
    }

    /**
     * The answer to the last chunk is lost and the upload cannot be asked how much it has: the video may exist, and
     * YouTube takes no idempotency key, so the delivery is UNCERTAIN rather than sent again; the reconciler finds the
     * video among the channel's uploads by its description.
     */
    @Test
    void aVideoWhoseLastAnswerWasLostIsUncertainNotSentAgainAndIsFoundAmongTheUploads() {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount account = data.account(world.departmentA(), Platform.YOUTUBE, "江津市 YouTube " + n,
                new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED), TestData.youtubeCredentials(n));
        String text = "【江津市】防災訓練の様子 " + n;
        Delivery delivery = only(videoPost(world, text, clock.instant().plus(Duration.ofMinutes(10)), account));
        WireMockServer server = SimulatedPlatforms.shared().server();
        List<StubMapping> lost = List.of(
                // the simulated channel makes the video, then the connection breaks before its answer
                server.stubFor(put(urlPathEqualTo("/upload/youtube/v3/videos")).atPriority(1)
                        .withHeader("Content-Range", equalTo("bytes 524288-599999/600000"))
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                                .withTransformers(SimulatedYouTube.NAME))),
                server.stubFor(put(urlPathEqualTo("/upload/youtube/v3/videos")).atPriority(1)
                        .withHeader("Content-Range", equalTo("bytes */600000"))
                        .willReturn(aResponse().withStatus(503))));
        try {
            dispatcher.drain();
        } finally {
            lost.forEach(server::removeStub);
        }

        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.UNCERTAIN);
        List<JsonNode> made = youtube.videosContaining(n);
        assertThat(made).as("one video, not sent again").hasSize(1);

        reconciler.reconcile();

        DeliveryView found = view(delivery);
        assertThat(found.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(found.platformPostId()).isEqualTo(made.getFirst().path("id").asString());
    }

    /**
     * A post to YouTube and LINE with a video and a photo known by its address: YouTube gets the video alone (its
     * upload refuses anything else) and LINE the photo, both SENT.
     */
    @Test
    void aPostToYouTubeAndLineSendsYouTubeTheVideoAloneAndLineThePhotoByItsAddress() {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount account = data.account(world.departmentA(), Platform.YOUTUBE, "江津市 YouTube " + n,
                new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED), TestData.youtubeCredentials(n));
        Media video = library.upload(world.poster(), new ByteArrayInputStream(mp4(600_000 + 7)), "");
        Post post = data.approved(world, new NewPost("【江津市】花火大会の動画 " + n, List.of(),
                List.of(java.net.URI.create("https://www.city.gotsu.lg.jp/img/hanabi.jpg")), PostCategory.EVENT,
                List.of(account.id(), world.lineA().id()), null, null, null, null, null, null,
                List.of(new MediaChoice(video.id(), ""))));

        dispatcher.drain();

        assertThat(post.deliveries()).hasSize(2).allSatisfy(d -> assertThat(view(d).status())
                .as(d.accountId() + ": " + view(d).lastError()).isEqualTo(DeliveryStatus.SENT));
        assertThat(youtube.videosContaining(n)).hasSize(1);
    }

    private Post videoPost(World world, String text, Instant at, OfficialAccount account) {
        Media video = library.upload(world.poster(), new ByteArrayInputStream(mp4(600_000)), "");
        return data.approved(world, new NewPost(text, List.of(), List.of(), PostCategory.EVENT, List.of(account.id()),
                at, null, null, null, null, null, List.of(new MediaChoice(video.id(), ""))));
    }

    /** An MP4's {@code ftyp} box and recognisable bytes: byte i is i modulo 251. */
    private static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        byte[] head = "\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000isomiso2".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private DeliveryView view(Delivery delivery) {
        return sendLog.list(null, delivery.accountId(), 1000).stream().filter(d -> d.id().equals(delivery.id()))
                .findFirst().orElseThrow();
    }

    private static Delivery only(Post post) {
        assertThat(post.deliveries()).hasSize(1);
        return post.deliveries().getFirst();
    }
}
