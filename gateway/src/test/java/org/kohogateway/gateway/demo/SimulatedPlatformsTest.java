package org.kohogateway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.bluesky.BlueskyConnector;
import org.kohogateway.connectors.bluesky.BlueskySettings;
import org.kohogateway.connectors.facebook.FacebookConnector;
import org.kohogateway.connectors.facebook.FacebookSettings;
import org.kohogateway.connectors.instagram.InstagramConnector;
import org.kohogateway.connectors.instagram.InstagramSettings;
import org.kohogateway.connectors.graph.QuotaReading;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.connectors.line.LineSettings;
import org.kohogateway.connectors.threads.ThreadsConnector;
import org.kohogateway.connectors.threads.ThreadsSettings;
import org.kohogateway.connectors.x.XConnector;
import org.kohogateway.connectors.x.XSettings;
import org.kohogateway.connectors.youtube.ScheduleChange;
import org.kohogateway.connectors.youtube.YouTubeConnector;
import org.kohogateway.connectors.youtube.YouTubeSettings;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.ProfileReading;

/** The simulated platforms take what the real connectors send with images, so the demo can publish photos everywhere. */
class SimulatedPlatformsTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration READ = Duration.ofSeconds(10);

    private final SimulatedPlatforms platforms = SimulatedPlatforms.shared();

    @ParameterizedTest(name = "{0} image(s)")
    @ValueSource(ints = {1, 3})
    void everyPlatformPublishesImagesWithTheirAltText(int count) {
        List<MediaItem> images = images(count);
        for (PlatformConnector connector : connectors()) {
            Publication publication = new Publication(UUID.randomUUID(), "江の川の夕景 " + UUID.randomUUID(), List.of(),
                    images, false);

            assertThat(connector.publish(publication)).as(connector.platform().name())
                    .isInstanceOf(PublishOutcome.Published.class);
        }
    }

    private List<PlatformConnector> connectors() {
        return List.of(
                new XConnector(new XSettings(platforms.xRestBaseUrl(), platforms.xV2BaseUrl(), "demo-consumer-key",
                        "demo-consumer-secret", "1-demo-access-token", "demo-access-token-secret", CONNECT, READ)),
                new FacebookConnector(new FacebookSettings(platforms.graphBaseUrl(), "104955401234567", "demo-page-token",
                        CONNECT, READ)),
                new InstagramConnector(new InstagramSettings(platforms.graphBaseUrl(), "17841400123456789",
                        "demo-ig-token", CONNECT, READ, Duration.ZERO, 3)),
                new LineConnector(new LineSettings(platforms.lineEndpoint(), "demo-line-token", CONNECT, READ)),
                bluesky(), threads());
    }

    private ThreadsConnector threads() {
        return new ThreadsConnector(new ThreadsSettings(platforms.graphBaseUrl(), "25814713414831520", "demo-threads-token",
                CONNECT, READ, Duration.ZERO, 3));
    }

    /** The simulated Threads API remembers what it published: a profile's threads list it, its quota counts it. */
    @Test
    void aThreadsPostIsListedForReconciliationAndCountedInTheQuotaAndCanBeDeleted() {
        String text = "江の川の花火 " + UUID.randomUUID();
        ThreadsConnector threads = new ThreadsConnector(new ThreadsSettings(platforms.graphBaseUrl(),
                "2581471341" + (System.nanoTime() % 10_000_000), "demo-threads-token", CONNECT, READ, Duration.ZERO, 3));
        Instant before = Instant.now().minusSeconds(60);

        PublishOutcome published = threads.publish(new Publication(UUID.randomUUID(), text, List.of(), List.of(), true));

        String id = ((PublishOutcome.Published) published).platformPostId();
        assertThat(platforms.threads().threadsContaining(text)).singleElement()
                .extracting(SimulatedThreads.Thread::replyControl).isEqualTo("mentioned_only");
        assertThat(threads.findRecent(text, before, Set.of())).isEqualTo(new FindOutcome.Found(id));
        assertThat(threads.quota()).isInstanceOfSatisfying(QuotaReading.Quota.class, q -> assertThat(q.used()).isOne());
        assertThat(threads.delete(id)).isInstanceOf(DeleteOutcome.Deleted.class);
        assertThat(platforms.threads().threadsContaining(text)).isEmpty();
    }

    private BlueskyConnector bluesky() {
        return new BlueskyConnector(new BlueskySettings(URI.create(platforms.server().baseUrl()),
                SimulatedBluesky.HANDLE, "demo-app-password", CONNECT, READ));
    }

    /** The simulated PDS holds one record per key, as Bluesky's does: a repeat of a delivery finds its post. */
    @Test
    void aRepeatedBlueskyDeliveryIsOnePostWithItsThreadgate() {
        String text = "江の川の花火 " + UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        PlatformConnector first = bluesky();
        PlatformConnector second = bluesky();

        PublishOutcome once = first.publish(new Publication(delivery, text, List.of(), List.of(), true, null, null, 1));
        PublishOutcome again = second.publish(new Publication(delivery, text, List.of(), List.of(), true, null, null, 2));

        assertThat(once).isInstanceOf(PublishOutcome.Published.class).isEqualTo(again);
        assertThat(platforms.bluesky().postsContaining(text)).hasSize(1);
        String rkey = ((PublishOutcome.Published) once).platformPostId().replaceFirst(".*/", "");
        assertThat(platforms.bluesky().record("app.bsky.feed.threadgate", rkey).path("allow").isEmpty()).isTrue();
    }

    /**
     * The simulated channel keeps a video as the real connector uploads it in chunks: private until its publishAt,
     * held back to private without a time, found among the uploads by its description.
     */
    @Test
    void aYouTubeVideoGoesUpInChunksScheduledIsHeldBackAndIsFoundAgain() {
        java.time.Clock clock = java.time.Clock.systemUTC();
        YouTubeConnector youtube = new YouTubeConnector(new YouTubeSettings(URI.create(platforms.server().baseUrl() + "/"),
                URI.create(platforms.server().baseUrl() + SimulatedYouTube.TOKEN), "demo-client", "demo-secret",
                "demo-refresh", "25", java.util.Optional.empty(), YouTubeSettings.CHUNK_UNIT, 2,
                Duration.ofMillis(10), CONNECT, READ), Platform.YOUTUBE, clock);
        String text = "【江津市】花火大会の動画 " + UUID.randomUUID();
        byte[] bytes = new byte[600_000];
        java.time.Instant publishAt = clock.instant().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        URI address = URI.create("https://koho.city.gotsu.lg.jp/media/hanabi.mp4?signature=demo");
        MediaItem video = new MediaItem("0".repeat(64), "video/mp4", bytes.length, 0, 0, "", address, address,
                () -> new ByteArrayInputStream(bytes));

        PublishOutcome outcome = youtube.publish(new Publication(UUID.randomUUID(), text, List.of(), List.of(video),
                false, null, null, 1, publishAt));

        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        String id = ((PublishOutcome.Published) outcome).platformPostId();
        assertThat(java.time.Instant.parse(platforms.youtube().video(id).orElseThrow().path("status").path("publishAt")
                .asString())).isEqualTo(publishAt);
        assertThat(youtube.holdBack(id)).isInstanceOf(ScheduleChange.Held.class);
        assertThat(platforms.youtube().video(id).orElseThrow().path("status").has("publishAt")).isFalse();
        assertThat(youtube.findRecent(text, clock.instant().minus(Duration.ofMinutes(5)), java.util.Set.of()))
                .isEqualTo(new FindOutcome.Found(id));
        assertThat(youtube.readProfile()).isInstanceOf(ProfileReading.Profile.class);
    }

    private static List<MediaItem> images(int count) {
        List<MediaItem> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            URI address = URI.create("https://koho.city.gotsu.lg.jp/media/" + UUID.randomUUID() + ".jpg?signature=demo" + i);
            byte[] bytes = ("JPEG " + address).getBytes(StandardCharsets.UTF_8);
            images.add(new MediaItem("0".repeat(64), "image/jpeg", bytes.length, 1080, 1350, "江の川の夕景、写真" + i,
                    address, URI.create(address + "&preview"), () -> new ByteArrayInputStream(bytes)));
        }
        return images;
    }
}
