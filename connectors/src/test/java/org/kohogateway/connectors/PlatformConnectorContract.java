package org.kohogateway.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * What every {@link PlatformConnector} promises, stated once and run against each platform's real wire format.
 *
 * <p>A subclass builds its connector against {@link #api} and stubs the platform's own answers (its error bodies,
 * its rate-limit headers, its ids); the behaviour asserted here is the same everywhere. What only some platforms
 * do is in the nested interfaces a subclass also implements ({@link RefusesDuplicates}, {@link DeletesPosts},
 * {@link CannotDelete}, {@link RefusesAnswersAndQuotes}, {@link FindsRecentPosts}); what only one platform does
 * stays in that platform's own test class.
 */
public abstract class PlatformConnectorContract {

    /** The platform's API as WireMock plays it; every stub a subclass makes goes here. */
    @RegisterExtension
    protected static final WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    protected final UUID deliveryKey = UUID.randomUUID();

    // --- hooks every platform implements

    /** The platform this connector is for, and the one it must name. */
    protected abstract Platform expectedPlatform();

    /** Whether the platform itself recognises a repeated publish (see {@link PlatformConnector#deduplicatesRetries}). */
    protected abstract boolean expectedToDeduplicateRetries();

    /** The connector under test, talking to {@code baseUrl} with these timeouts. */
    protected abstract PlatformConnector connector(URI baseUrl, Duration connectTimeout, Duration readTimeout);

    /** A publication this platform can publish as it is (Instagram needs an image), for {@link #deliveryKey}. */
    public abstract PublicationBuilder publishable();

    /** A publication that has nothing this platform can post. */
    protected abstract Publication nothingToPost();

    /** How many images one post on this platform carries. */
    protected abstract int maxImages();

    /** Stubs every request of a successful publish; returns the post id the platform answered. */
    protected abstract String stubPublished();

    /**
     * Stubs the requests before the one that makes the post public as successful, and that one to answer
     * {@code answer}.
     */
    protected abstract void stubPublishingRequest(ResponseDefinitionBuilder answer);

    /** The path of the request that makes the post public, which must never be sent twice by one publish. */
    protected abstract String publishingRequestPath();

    /**
     * The request that makes the post public, as WireMock finds it among those received: by default a POST to
     * {@link #publishingRequestPath()}. YouTube's is the PUT that carries a video's last bytes.
     */
    protected RequestPatternBuilder publishingRequest() {
        return postRequestedFor(urlEqualTo(publishingRequestPath()));
    }

    /** Whether a post on this platform carries images; YouTube's carry one video instead. */
    protected boolean carriesImages() {
        return true;
    }

    /** The platform's own error body for a server error with this status. */
    protected abstract ResponseDefinitionBuilder serverError(int status);

    /** Stubs the platform saying "too many requests"; returns the wait it asked for. */
    protected abstract Duration stubRateLimited();

    /** Stubs the platform refusing the account's credentials on publish; returns what the reason must quote. */
    protected abstract String stubCredentialsRejected();

    /** Stubs the platform refusing the publication as invalid; returns what the reason must quote. */
    protected abstract String stubInvalidRequest();

    /** Stubs a successful profile reading; returns what the connector must make of it. */
    protected abstract ProfileReading stubProfile();

    /** Stubs the platform refusing the credentials when the profile is read; returns what the reason must quote. */
    protected abstract String stubProfileRefused();

    /** Every secret the connector was built with. */
    public abstract List<String> secrets();

    /** Stubs every request of a successful publish of a publication with {@code images} images; returns the post id. */
    public abstract String stubPublishedWithImages(int images);

    /**
     * Stubs the request that makes a post with several images to answer {@code answer}; by default the same request
     * as for any post ({@link #stubPublishingRequest}).
     */
    public void stubPostWithImagesAnswering(ResponseDefinitionBuilder answer) {
        stubPublishingRequest(answer);
    }

    /** The path of the request that makes a post with several images public; by default {@link #publishingRequestPath}. */
    public String postWithImagesPath() {
        return publishingRequestPath();
    }

    /**
     * Verifies against {@link #api} that the platform received exactly the publication's images, in order, as its
     * contract takes them (bytes or addresses), each with its alt text where the platform takes one.
     */
    protected abstract void verifyImagesSent(Publication publication);

    public PlatformConnector connector() {
        return connector(URI.create(api.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    protected Publication publication() {
        return publishable().build();
    }

    // --- publish: what the platform answered

    @Test
    public void reportsAPublishedPostByThePlatformsId() {
        String postId = stubPublished();

        assertThat(connector().publish(publication())).isEqualTo(new PublishOutcome.Published(postId));
    }

    @Test
    public void aRateLimitIsTransientWithThePlatformsOwnWait() {
        Duration wait = stubRateLimited();

        assertThat(connector().publish(publication())).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(wait));
    }

    /**
     * A server error does not say whether the post was made, on any platform: the dispatcher asks again only where the
     * platform recognises the repeat, and until then the delivery may already be out; elsewhere it is reconciled.
     */
    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 503, 504})
    public void aServerErrorIsUnknown(int status) {
        stubPublishingRequest(serverError(status));

        PublishOutcome outcome = connector().publish(publication());

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(outcome.toString()).contains(Integer.toString(status));
        api.verify(1, publishingRequest());
    }

    @Test
    public void anHtmlErrorPageIsClassifiedByItsStatusWithoutCrashing() {
        stubPublishingRequest(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body>Sorry, something went wrong.</body></html>"));

        PublishOutcome outcome = connector().publish(publication());

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(outcome.toString()).contains("502");
    }

    @Test
    public void rejectedCredentialsArePermanent() {
        String quoted = stubCredentialsRejected();

        PublishOutcome outcome = connector().publish(publication());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains(quoted);
        assertThat(outcome.trouble()).as("the account's trouble, for the channels' state")
                .contains(PublishOutcome.AccountTrouble.CREDENTIALS);
    }

    @Test
    public void anInvalidRequestSaysNothingAboutTheAccount() {
        stubInvalidRequest();

        assertThat(connector().publish(publication()).trouble()).isEmpty();
    }

    @Test
    public void anInvalidRequestIsPermanentWithThePlatformsMessage() {
        String quoted = stubInvalidRequest();

        assertThat(connector().publish(publication())).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains(quoted);
    }

    @Test
    public void garbageJsonOnA400IsPermanentWithoutCrashing() {
        stubPublishingRequest(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"unterminated"));

        assertThat(connector().publish(publication())).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("400");
    }

    /** The platform took the request and answered success, so the post may well exist. */
    @Test
    public void anUnreadableSuccessAnswerIsUnknown() {
        stubPublishingRequest(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"1049554"));

        assertThat(connector().publish(publication())).isInstanceOf(PublishOutcome.Unknown.class);
    }

    // --- publish: refused before anything is sent

    @Test
    public void refusesAPublicationWithNothingToPostWithoutCallingThePlatform() {
        assertThat(connector().publish(nothingToPost())).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    public void refusesMoreImagesThanOnePostCarriesWithoutCallingThePlatform() {
        assertThat(connector().publish(publishable().media(images(maxImages() + 1)).build()))
                .isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    // --- publish: images

    @Test
    public void publishesOneImageWithItsAltText() {
        assumeTrue(carriesImages(), "posts on this platform carry no images");
        String postId = stubPublishedWithImages(1);
        Publication publication = publishable().media(images(1)).build();

        assertThat(connector().publish(publication)).isEqualTo(new PublishOutcome.Published(postId));
        verifyImagesSent(publication);
    }

    @Test
    public void publishesSeveralImagesInTheirOrderAsOnePost() {
        assumeTrue(carriesImages(), "posts on this platform carry no images");
        String postId = stubPublishedWithImages(3);
        Publication publication = publishable().media(images(3)).build();

        assertThat(connector().publish(publication)).isEqualTo(new PublishOutcome.Published(postId));
        verifyImagesSent(publication);
        api.verify(1, publishingRequest());
    }

    /** Images at the gateway's signed addresses, each with its own alt text and bytes. */
    public static List<MediaItem> images(int count) {
        List<MediaItem> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            images.add(TestImages.at(URI.create("https://koho.city.gotsu.lg.jp/media/" + i + "-" + UUID.randomUUID()
                    + ".jpg?expires=1767225600&signature=c2lnbmVk" + i)));
        }
        return images;
    }

    // --- publish: network trouble

    @Test
    public void aConnectionResetAfterTheRequestLeftIsUnknownAndThePostIsNeverSentTwice() {
        stubPublishingRequest(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(connector().publish(publication())).isInstanceOf(PublishOutcome.Unknown.class);
        api.verify(1, publishingRequest());
    }

    @Test
    public void anEmptyAnswerIsUnknownAndThePostIsNeverSentTwice() {
        stubPublishingRequest(aResponse().withFault(Fault.EMPTY_RESPONSE));

        assertThat(connector().publish(publication())).isInstanceOf(PublishOutcome.Unknown.class);
        api.verify(1, publishingRequest());
    }

    @Test
    public void noAnswerWithinTheReadTimeoutIsUnknown() {
        stubPublishingRequest(aResponse().withStatus(200).withFixedDelay(1500));
        PlatformConnector impatient = connector(URI.create(api.baseUrl()), Duration.ofSeconds(2), Duration.ofMillis(250));

        assertThat(impatient.publish(publication())).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().containsIgnoringCase("timeout");
    }

    @Test
    public void aRefusedConnectionIsTransientWithoutAWait() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        PlatformConnector connector = connector(closed, Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThat(connector.publish(publication())).asInstanceOf(type(PublishOutcome.Transient.class))
                .satisfies(t -> assertThat(t.reason()).contains("could not connect"))
                .satisfies(t -> assertThat(t.retryAfter()).isEmpty());
    }

    @Test
    public void aConnectTimeoutIsTransient() throws IOException {
        try (ServerSocket unaccepting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> backlog = fillBacklog(unaccepting);
            try {
                PlatformConnector connector = connector(URI.create("http://127.0.0.1:" + unaccepting.getLocalPort()),
                        Duration.ofMillis(300), Duration.ofSeconds(5));

                assertThat(connector.publish(publication())).isInstanceOf(PublishOutcome.Transient.class);
            } finally {
                for (Socket socket : backlog) {
                    socket.close();
                }
            }
        }
    }

    // --- profile

    @Test
    public void readsTheProfile() {
        ProfileReading expected = stubProfile();

        assertThat(connector().readProfile()).isEqualTo(expected);
    }

    @Test
    public void aProfileReadingWithRejectedCredentialsFails() {
        String quoted = stubProfileRefused();

        assertThat(connector().readProfile()).asInstanceOf(type(ProfileReading.Failed.class))
                .extracting(ProfileReading.Failed::reason).asString().contains(quoted);
    }

    // --- credentials and identity

    @Test
    public void neverWritesASecretToTheLogOrIntoAnOutcome() {
        stubPublishingRequest(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        stubProfileRefused();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PublishOutcome outcome;
        ProfileReading reading;
        System.setOut(capture);
        System.setErr(capture);
        try {
            PlatformConnector connector = connector();
            outcome = connector.publish(publication());
            reading = connector.readProfile();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        // the unknown outcome is logged with its delivery key, so the log did capture the connector's lines
        assertThat(log).contains(deliveryKey.toString());
        assertThat(reading).isInstanceOf(ProfileReading.Failed.class);
        for (String secret : secrets()) {
            assertThat(log).doesNotContain(secret);
            assertThat(outcome.toString()).doesNotContain(secret);
            assertThat(reading.toString()).doesNotContain(secret);
        }
    }

    @Test
    public void namesItsPlatformAndWhetherThePlatformDeduplicatesRetries() {
        PlatformConnector connector = connector();

        assertThat(connector.platform()).isEqualTo(expectedPlatform());
        assertThat(connector.deduplicatesRetries()).isEqualTo(expectedToDeduplicateRetries());
    }

    // --- what only some platforms do

    /** Platforms without an idempotency key that refuse a repeated text as a duplicate (X, Facebook). */
    public interface RefusesDuplicates {

        /** Stubs the platform's duplicate refusal on publish; returns what the reason must quote. */
        String stubDuplicateRefusal();

        PlatformConnector connector();

        PublicationBuilder publishable();

        @Test
        default void aDuplicateRefusalOnTheFirstAttemptIsPermanent() {
            String quoted = stubDuplicateRefusal();

            assertThat(connector().publish(publishable().attempt(1).build()))
                    .asInstanceOf(type(PublishOutcome.Permanent.class))
                    .extracting(PublishOutcome.Permanent::reason).asString()
                    .startsWith("duplicate post refused").contains(quoted);
        }

        /** The earlier attempt's answer was lost, but its post was made: that is what the platform is saying. */
        @Test
        default void aDuplicateRefusalOnALaterAttemptMeansThePostProbablyExists() {
            String quoted = stubDuplicateRefusal();

            assertThat(connector().publish(publishable().attempt(2).build()))
                    .asInstanceOf(type(PublishOutcome.Unknown.class))
                    .extracting(PublishOutcome.Unknown::reason).asString()
                    .contains("probably exists from an earlier attempt", quoted);
        }
    }

    /** Platforms whose connector publishes standalone posts only (LINE, Facebook, Instagram). */
    public interface RefusesAnswersAndQuotes {

        PlatformConnector connector();

        PublicationBuilder publishable();

        /** Publishing a standalone post instead would publish something nobody approved. */
        @Test
        default void refusesToAnswerOrQuoteAnotherPostWithoutCallingThePlatform() {
            PlatformConnector connector = connector();

            assertThat(connector.publish(publishable().replyTo("https://x.com/someone/status/1").build()))
                    .isInstanceOf(PublishOutcome.Permanent.class);
            assertThat(connector.publish(publishable().quoteOf("https://www.facebook.com/someone/posts/1").build()))
                    .isInstanceOf(PublishOutcome.Permanent.class);
            assertThat(api.getAllServeEvents()).isEmpty();
        }
    }

    /**
     * Platforms where images go up in requests of their own before the one that makes the post (X uploads, Facebook's
     * unpublished photos, Instagram's containers). Until that last request nothing is public, so nothing before it
     * can leave the delivery's outcome unknown, and a pause between requests stops short of the post.
     */
    public interface UploadsBeforePosting {

        /** Stubs a successful publish of {@code images} images; returns the post id. */
        String stubPublishedWithImages(int images);

        /** Stubs the first image's upload (the first request that carries an image) to answer {@code answer}. */
        void stubFirstUploadAnswering(ResponseDefinitionBuilder answer);

        /** Stubs the request that makes the post, for a publication with several images, to answer {@code answer}. */
        void stubPostWithImagesAnswering(ResponseDefinitionBuilder answer);

        /** The path of the request that makes a post with several images public. */
        String postWithImagesPath();

        PlatformConnector connector();

        PublicationBuilder publishable();

        /**
         * A lost answer or a server error is worth another attempt, a refusal is final; neither is unknown, and no post
         * follows. The error bodies carry both X's and the Graph API's fields, so each platform reads its own.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource({"lost answer, TRANSIENT", "HTTP 500, TRANSIENT", "HTTP 503, TRANSIENT", "HTTP 400, PERMANENT"})
        default void aFailedUploadBeforeThePostIsNotUnknownAndNoPostIsMade(String failure, String expected) {
            stubPublishedWithImages(2);
            stubFirstUploadAnswering(switch (failure) {
                case "lost answer" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
                case "HTTP 400" -> aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100},"
                                + "\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\"}");
                default -> aResponse().withStatus(Integer.parseInt(failure.substring(5)))
                        .withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2,\"is_transient\":true},"
                                + "\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\"}");
            });

            assertThat(connector().publish(publishable().media(images(2)).build()))
                    .isInstanceOf(expected.equals("TRANSIENT") ? PublishOutcome.Transient.class : PublishOutcome.Permanent.class);
            api.verify(0, postRequestedFor(urlEqualTo(postWithImagesPath())));
        }

        @Test
        default void theAmbiguousAnswerToThePostWithImagesIsUnknown() {
            stubPublishedWithImages(2);
            stubPostWithImagesAnswering(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            assertThat(connector().publish(publishable().media(images(2)).build()))
                    .isInstanceOf(PublishOutcome.Unknown.class);
            api.verify(1, postRequestedFor(urlEqualTo(postWithImagesPath())));
        }

        /**
         * Wherever the pause comes between requests, including just before the post, the post is not made and the
         * outcome says nothing was published.
         */
        @Test
        default void aPauseBetweenRequestsStopsBeforeThePostWhereverItComes() {
            stubPublishedWithImages(2);
            Publication publication = publishable().media(images(2)).build();
            PlatformConnector connector = connector();
            int[] asked = {0};
            assertThat(connector.publish(publication, () -> ++asked[0] > 0)).isInstanceOf(PublishOutcome.Published.class);
            assertThat(asked[0]).as("asked before every request after the first")
                    .isEqualTo(api.getAllServeEvents().size() - 1);

            for (int pauseAt = 1; pauseAt <= asked[0]; pauseAt++) {
                api.resetRequests();
                api.resetScenarios();
                int[] count = {0};
                int pause = pauseAt;
                PublishOutcome outcome = connector.publish(publication, () -> ++count[0] < pause);

                assertThat(outcome).as("paused at question " + pause).asInstanceOf(type(PublishOutcome.Transient.class))
                        .extracting(PublishOutcome.Transient::reason).asString().contains("paused", "nothing was published");
                api.verify(0, postRequestedFor(urlEqualTo(postWithImagesPath())));
            }
        }
    }

    /** Platforms that take an image's bytes rather than fetch it (X, Facebook). */
    public interface UploadsBytes {

        /** Stubs a successful publish of {@code images} images; returns the post id. */
        String stubPublishedWithImages(int images);

        PlatformConnector connector();

        /** Once the request is over, only the platform's answer says what happened, not the stream it read. */
        @Test
        default void anImageStreamThatFailsToCloseAfterThePostChangesNothing() {
            String postId = stubPublishedWithImages(1);
            URI address = URI.create("https://koho.city.gotsu.lg.jp/media/1.jpg");
            byte[] bytes = TestImages.bytesOf(address);
            MediaItem image = new MediaItem("0".repeat(64), "image/jpeg", bytes.length, 1080, 1350, "江の川の夕景", address,
                    address, () -> new ByteArrayInputStream(bytes) {
                        @Override
                        public void close() throws IOException {
                            throw new IOException("the media store's connection broke while letting go");
                        }
                    });

            assertThat(connector().publish(publishable().media(image).build())).isEqualTo(new PublishOutcome.Published(postId));
        }

        PublicationBuilder publishable();

        /** An image known only by its address cannot be uploaded, now or later. */
        @Test
        default void refusesAnImageWhoseBytesAreNotStoredWithoutCallingThePlatform() {
            MediaItem addressOnly = TestImages.unreadable(URI.create("https://www.city.gotsu.lg.jp/img/1.jpg"),
                    new MediaItem.Unavailable("no stored bytes"));

            assertThat(connector().publish(publishable().media(addressOnly).build()))
                    .asInstanceOf(type(PublishOutcome.Permanent.class))
                    .extracting(PublishOutcome.Permanent::reason).asString().contains("no stored bytes");
            assertThat(api.getAllServeEvents()).isEmpty();
        }

        /** The gateway's store may answer again later; nothing was sent. */
        @Test
        default void anImageWhoseBytesCannotBeReadNowIsTransient() {
            MediaItem unreadable = TestImages.unreadable(URI.create("https://www.city.gotsu.lg.jp/img/1.jpg"),
                    new IOException("connection to the media store refused"));

            assertThat(connector().publish(publishable().media(unreadable).build())).isInstanceOf(PublishOutcome.Transient.class);
            assertThat(api.getAllServeEvents()).isEmpty();
        }
    }

    /** Platforms whose API can delete a published post (X, Facebook). */
    public interface DeletesPosts {

        /** Stubs a successful deletion, matching only a correctly authenticated request; returns the post id. */
        String stubDeletable();

        /** Stubs the platform refusing a deletion for good; returns the post id. */
        String stubDeleteRefused();

        /** Stubs the platform being unable to delete for now; returns the post id. */
        String stubDeleteUnavailable();

        PlatformConnector connector();

        @Test
        default void deletesThePost() {
            String postId = stubDeletable();

            assertThat(connector().delete(postId)).isEqualTo(new DeleteOutcome.Deleted());
        }

        @Test
        default void aRefusedDeletionIsNotRetryableAndAnUnavailableOneIs() {
            String refused = stubDeleteRefused();
            String unavailable = stubDeleteUnavailable();
            PlatformConnector connector = connector();

            assertThat(connector.delete(refused)).asInstanceOf(type(DeleteOutcome.Failed.class))
                    .satisfies(f -> assertThat(f.retryable()).isFalse());
            assertThat(connector.delete(unavailable)).asInstanceOf(type(DeleteOutcome.Failed.class))
                    .satisfies(f -> assertThat(f.retryable()).isTrue());
        }

        /** The id goes into the request's path: anything else there would reach another endpoint. */
        @Test
        default void refusesToDeleteWhatIsNotAPostIdWithoutCallingThePlatform() {
            PlatformConnector connector = connector();

            for (String notAPostId : List.of("../users/me", "me/accounts")) {
                assertThat(connector.delete(notAPostId)).as(notAPostId).asInstanceOf(type(DeleteOutcome.Failed.class))
                        .satisfies(f -> assertThat(f.retryable()).isFalse());
            }
            assertThat(api.getAllServeEvents()).isEmpty();
        }
    }

    /** Platforms whose API cannot delete a published post (LINE, Instagram). */
    public interface CannotDelete {

        /** What the refusal must tell the person who asked. */
        String whyDeletingIsNotSupported();

        PlatformConnector connector();

        @Test
        default void reportsDeletingAsNotSupportedWithoutCallingThePlatform() {
            assertThat(connector().delete("17920238422030506")).asInstanceOf(type(DeleteOutcome.NotSupported.class))
                    .extracting(DeleteOutcome.NotSupported::reason).asString().contains(whyDeletingIsNotSupported());
            assertThat(api.getAllServeEvents()).isEmpty();
        }
    }

    /** A post on the platform as a {@link PlatformConnector#findRecent} look-up reads it. */
    public record RecentPost(String id, String text, Instant postedAt) {
    }

    /** Platforms whose connector can look a post up by its text (X, Facebook, Instagram). */
    public interface FindsRecentPosts {

        Instant SINCE = Instant.parse("2025-10-01T08:00:00Z");
        String TEXT = "【江津市】本日17時から江の川河川敷で花火大会を開催します。";

        /** Stubs the account's posts, newest first, as one complete page. */
        void stubRecentPosts(List<RecentPost> newestFirst);

        /** Stubs every page of the account's posts as answering {@code answer}. */
        void stubRecentPostsAnswer(ResponseDefinitionBuilder answer);

        /** Stubs pages of other posts that never end. */
        void stubEndlessRecentPosts();

        /** Stubs the platform refusing the look-up; returns what the reason must quote. */
        String stubLookUpRefused();

        /** The secret a refusal must not quote. */
        List<String> secrets();

        PlatformConnector connector();

        private static RecentPost recent(String id, String text) {
            return new RecentPost(id, text, SINCE.plusSeconds(60));
        }

        @Test
        default void findsThePostWithTheTextSinceTheGivenTime() {
            stubRecentPosts(List.of(recent("1845000000000000002", "別の投稿です"), recent("1845000000000000001", TEXT)));

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.Found("1845000000000000001"));
        }

        @Test
        default void findsThePostWithTheLinksTheConnectorAppended() {
            stubRecentPosts(List.of(recent("1845000000000000001", TEXT + "\nhttps://www.city.gotsu.lg.jp/kanko/")));

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.Found("1845000000000000001"));
        }

        @Test
        default void answersNotFoundWhenNoPostSinceThenHasTheText() {
            stubRecentPosts(List.of(recent("1845000000000000002", "別の投稿です")));

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.NotFound());
        }

        @Test
        default void answersNotFoundWhenThereAreNoPosts() {
            stubRecentPosts(Collections.emptyList());

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.NotFound());
        }

        @Test
        default void neverAdoptsAPostMadeBeforeTheGivenTime() {
            stubRecentPosts(List.of(new RecentPost("1845000000000000001", TEXT, SINCE.minusSeconds(1))));

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.NotFound());
        }

        /** The same text may be published on purpose more than once. */
        @Test
        default void neverAdoptsAPostRecordedForAnotherDelivery() {
            stubRecentPosts(List.of(recent("1845000000000000002", TEXT), recent("1845000000000000001", TEXT)));
            PlatformConnector connector = connector();

            assertThat(connector.findRecent(TEXT, SINCE, Set.of("1845000000000000002")))
                    .isEqualTo(new FindOutcome.Found("1845000000000000001"));
            assertThat(connector.findRecent(TEXT, SINCE, Set.of("1845000000000000001", "1845000000000000002")))
                    .isEqualTo(new FindOutcome.NotFound());
        }

        @Test
        default void answersAmbiguousWithTheCandidatesRatherThanAdoptOneOfTwo() {
            stubRecentPosts(List.of(recent("1845000000000000002", TEXT), recent("1845000000000000001", TEXT)));

            assertThat(connector().findRecent(TEXT, SINCE, Set.of()))
                    .isEqualTo(new FindOutcome.Ambiguous(List.of("1845000000000000002", "1845000000000000001")));
        }

        @Test
        default void failsRatherThanGuessWhenThereAreTooManyPostsToReadThrough() {
            stubEndlessRecentPosts();

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).asInstanceOf(type(FindOutcome.Failed.class))
                    .extracting(FindOutcome.Failed::reason).asString().contains("too many");
        }

        @Test
        default void failsWhenThePlatformRefusesTheLookUp() {
            String quoted = stubLookUpRefused();

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).asInstanceOf(type(FindOutcome.Failed.class))
                    .extracting(FindOutcome.Failed::reason).asString().contains(quoted)
                    .satisfies(reason -> secrets().forEach(secret -> assertThat(reason).doesNotContain(secret)));
        }

        @Test
        default void failsWhenTheAnswerIsLost() {
            stubRecentPostsAnswer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isInstanceOf(FindOutcome.Failed.class);
        }

        @Test
        default void failsWithoutCallingThePlatformForAnEmptyText() {
            assertThat(connector().findRecent(" ", SINCE, Set.of())).isInstanceOf(FindOutcome.Failed.class);
            assertThat(api.getAllServeEvents()).isEmpty();
        }
    }

    /** Connects until the kernel stops completing handshakes for the socket nobody accepts from. */
    private static List<Socket> fillBacklog(ServerSocket unaccepting) throws IOException {
        List<Socket> backlog = new ArrayList<>();
        for (int attempt = 0; attempt < 16; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(unaccepting.getLocalSocketAddress(), 200);
                backlog.add(socket);
            } catch (IOException full) {
                socket.close();
                break;
            }
        }
        return backlog;
    }
}
