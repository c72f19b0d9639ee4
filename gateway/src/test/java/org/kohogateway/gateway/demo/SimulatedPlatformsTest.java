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
