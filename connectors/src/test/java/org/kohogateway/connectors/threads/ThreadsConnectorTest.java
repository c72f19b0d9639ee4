package org.kohogateway.connectors.threads;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.threads.ThreadsApiStub.CONTAINER;
import static org.kohogateway.connectors.threads.ThreadsApiStub.CONTAINER_ID;
import static org.kohogateway.connectors.threads.ThreadsApiStub.LIMIT;
import static org.kohogateway.connectors.threads.ThreadsApiStub.MEDIA_ID;
import static org.kohogateway.connectors.threads.ThreadsApiStub.PUBLISH;
import static org.kohogateway.connectors.threads.ThreadsApiStub.THREADS;
import static org.kohogateway.connectors.threads.ThreadsApiStub.TOKEN;
import static org.kohogateway.connectors.threads.ThreadsApiStub.USER_ID;
import static org.kohogateway.connectors.threads.ThreadsApiStub.graphError;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.PlatformConnectorContract;
import org.kohogateway.connectors.PlatformConnectorContract.RecentPost;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.TestImages;
import org.kohogateway.connectors.graph.QuotaReading;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** What only Threads does; what every connector does is in {@link ThreadsConnectorContractTest}. */
class ThreadsConnectorTest {

    private static final String TEXT = "【江津市】本日17時から江の川河川敷で花火大会を開催します。";
    private static final URI PAGE = URI.create("https://www.city.gotsu.lg.jp/hanabi/");

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ThreadsApiStub threads = new ThreadsApiStub(api);

    @Test
    void aTextPostChecksTheQuotaMakesATextContainerWaitsUntilFinishedAndPublishesIt() {
        threads.stubAll();
        api.stubFor(get(urlPathEqualTo(CONTAINER)).atPriority(1).inScenario("status").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ready").willReturn(okJson("{\"status\":\"IN_PROGRESS\",\"id\":\"" + CONTAINER_ID + "\"}")));
        api.stubFor(get(urlPathEqualTo(CONTAINER)).atPriority(1).inScenario("status")
                .whenScenarioStateIs("ready").willReturn(okJson("{\"status\":\"FINISHED\",\"id\":\"" + CONTAINER_ID + "\"}")));

        PublishOutcome outcome = connector().publish(aPublication().text(TEXT).links(PAGE).build());

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(MEDIA_ID));
        assertThat(requestsInOrder()).containsExactly(
                "GET " + LIMIT, "POST " + THREADS, "GET " + CONTAINER, "GET " + CONTAINER, "POST " + PUBLISH);
        LoggedRequest container = api.findAll(postRequestedFor(urlPathEqualTo(THREADS))).get(0);
        assertThat(container.formParameters().get("media_type").firstValue()).isEqualTo("TEXT");
        assertThat(container.formParameters().get("text").firstValue()).as("links written into the text")
                .isEqualTo(TEXT + "\n" + PAGE);
        assertThat(container.formParameters()).doesNotContainKeys("reply_control", "alt_text", "image_url");
    }

    /** Threads has no "nobody may reply"; mentioned_only is the closest, since a city post mentions no one. */
    @Test
    void theNoReplyPolicySetsReplyControlToMentionedOnlyOnThePostNotOnItsItems() {
        threads.stubAll();

        assertThat(connector().publish(aPublication().text(TEXT).noReplies().build())).isInstanceOf(PublishOutcome.Published.class);
        api.verify(postRequestedFor(urlPathEqualTo(THREADS)).withFormParam("media_type", equalTo("TEXT"))
                .withFormParam("reply_control", equalTo("mentioned_only")));

        api.resetRequests();
        api.resetScenarios();
        assertThat(connector().publish(aPublication().text(TEXT).noReplies().media(PlatformConnectorContract.images(2)).build()))
                .isInstanceOf(PublishOutcome.Published.class);
        api.verify(1, postRequestedFor(urlPathEqualTo(THREADS)).withFormParam("media_type", equalTo("CAROUSEL"))
                .withFormParam("reply_control", equalTo("mentioned_only")));
        api.findAll(postRequestedFor(urlPathEqualTo(THREADS)).withFormParam("is_carousel_item", equalTo("true")))
                .forEach(item -> assertThat(item.formParameters()).doesNotContainKey("reply_control"));
    }

    @Test
    void aCarouselSendsEachItemsOwnAltTextAndNoneForAnImageWithout() {
        threads.stubAll();
        URI base = URI.create("https://koho.city.gotsu.lg.jp/media/");
        List<MediaItem> media = List.of(TestImages.image(base.resolve("1.jpg"), "花火の写真", new byte[] {1}),
                TestImages.image(base.resolve("2.jpg"), "", new byte[] {2}),
                TestImages.image(base.resolve("3.jpg"), "河川敷の地図", new byte[] {3}));

        assertThat(connector().publish(aPublication().text(TEXT).media(media).build()))
                .isEqualTo(new PublishOutcome.Published(MEDIA_ID));

        List<LoggedRequest> items = api.findAll(postRequestedFor(urlPathEqualTo(THREADS))
                .withFormParam("is_carousel_item", equalTo("true")));
        assertThat(items).extracting(item -> item.formParameters().get("image_url").firstValue())
                .containsExactly(base + "1.jpg", base + "2.jpg", base + "3.jpg");
        assertThat(items.get(0).formParameters().get("alt_text").firstValue()).isEqualTo("花火の写真");
        assertThat(items.get(1).formParameters()).doesNotContainKey("alt_text");
        assertThat(items.get(2).formParameters().get("alt_text").firstValue()).isEqualTo("河川敷の地図");
    }

    /**
     * The answer to threads_publish never came: the post may be live, so the outcome is unknown and the request is not
     * repeated; the account's recent threads then show it, with the link the connector appended.
     */
    @Test
    void aTimeoutAfterPublishIsUnknownAndReconciliationFindsThePostAmongTheRecentThreads() {
        threads.stubAll();
        threads.stubPublish(okJson("{\"id\":\"" + MEDIA_ID + "\"}").withFixedDelay(1500));
        Instant attemptStarted = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        ThreadsConnector connector = connector(Duration.ofMillis(250));

        PublishOutcome outcome = connector.publish(aPublication().text(TEXT).links(PAGE).build());

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().containsIgnoringCase("timeout").contains(CONTAINER_ID);
        api.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)));

        threads.stubRecentThreads(List.of(
                new RecentPost(MEDIA_ID, TEXT + "\n" + PAGE, attemptStarted.plusSeconds(61)),
                new RecentPost("18039430466618300", TEXT, attemptStarted.minusSeconds(86_400))));
        assertThat(connector.findRecent(TEXT, attemptStarted, Set.of())).isEqualTo(new FindOutcome.Found(MEDIA_ID));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void aServerErrorAfterThreadsPublishIsUnknownNeverRetried(int status) {
        threads.stubAll();
        threads.stubPublish(graphError(status, 1, -1, "OAuthException", "An unknown error has occurred."));

        assertThat(connector().publish(aPublication().text(TEXT).build())).isInstanceOf(PublishOutcome.Unknown.class);
        api.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aContainerInErrorFailsWithThePlatformsReasonAndIsNeverPublished() {
        threads.stubAll();
        threads.stubContainerStatus(okJson("{\"status\":\"ERROR\",\"id\":\"" + CONTAINER_ID
                + "\",\"error_message\":\"INVALID_ASPEC_RATIO\"}"));

        assertThat(connector().publish(aPublication().text(TEXT).media(PlatformConnectorContract.images(1)).build()))
                .asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("INVALID_ASPEC_RATIO", "nothing was published");
        api.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    /** Threads could not fetch the gateway's image, or does not know why: a new container may succeed. */
    @ParameterizedTest
    @ValueSource(strings = {"FAILED_DOWNLOADING_IMAGE", "UNKNOWN"})
    void aContainerThatFailedForAPassingCauseIsTransient(String errorMessage) {
        threads.stubAll();
        threads.stubContainerStatus(okJson("{\"status\":\"ERROR\",\"id\":\"" + CONTAINER_ID
                + "\",\"error_message\":\"" + errorMessage + "\"}"));

        assertThat(connector().publish(aPublication().text(TEXT).media(PlatformConnectorContract.images(1)).build()))
                .asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains(errorMessage);
        api.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aContainerStillInProgressAfterTheLastCheckIsTransientAndNeverPublished() {
        threads.stubAll();
        threads.stubContainerStatus(okJson("{\"status\":\"IN_PROGRESS\",\"id\":\"" + CONTAINER_ID + "\"}"));

        assertThat(connector().publish(aPublication().text(TEXT).build())).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::reason).asString().contains("not ready after 3 checks", "IN_PROGRESS");
        api.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void aContainerAlreadyPublishedIsUnknownRatherThanPublishedAgain() {
        threads.stubAll();
        threads.stubContainerStatus(okJson("{\"status\":\"PUBLISHED\",\"id\":\"" + CONTAINER_ID + "\"}"));

        assertThat(connector().publish(aPublication().text(TEXT).build())).isInstanceOf(PublishOutcome.Unknown.class);
        api.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
    }

    @Test
    void throttlingIsTransientWithThePlatformsWait() {
        threads.stubAll();
        threads.stubPublish(graphError(400, 4, -1, "OAuthException", "(#4) Application request limit reached")
                .withHeader("Retry-After", "120"));

        assertThat(connector().publish(aPublication().text(TEXT).build())).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ofSeconds(120)));
    }

    @Test
    void anExpiredTokenOnPublishIsPermanentAndSaysSo() {
        threads.stubAll();
        threads.stubPublish(graphError(400, 190, 463, "OAuthException", "Error validating access token: Session has expired"));

        assertThat(connector().publish(aPublication().text(TEXT).build())).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("access token rejected", "code 190");
    }

    @Test
    void refusesATextOverThreadsCountAndMoreThanFiveLinksWithoutCallingThePlatform() {
        ThreadsConnector connector = connector();

        assertThat(connector.publish(aPublication().text("祭".repeat(497) + "🎆").build()))
                .as("497 + an emoji's 4 bytes").isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(connector.publish(aPublication().text("詳しくは").links(
                URI.create("https://a.example.jp/"), URI.create("https://b.example.jp/"), URI.create("https://c.example.jp/"),
                URI.create("https://d.example.jp/"), URI.create("https://e.example.jp/"), URI.create("https://f.example.jp/"))
                .build())).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void readsTheQuotaForTheGatewayToShow() {
        threads.stubAll();
        threads.stubQuota(4, 250);

        assertThat(connector().quota()).isEqualTo(new QuotaReading.Quota(4, 250, Duration.ofDays(1)));
    }

    @Test
    void reportsAnUnreadableQuotaAsFailed() {
        threads.stubAll();
        threads.stubQuotaAnswering(okJson("{\"data\":[]}"));

        assertThat(connector().quota()).isInstanceOf(QuotaReading.Failed.class);
    }

    @Test
    void settingsMaskTheTokenAndRefuseWhatCannotWork() {
        URI url = URI.create("https://graph.threads.net");
        Duration second = Duration.ofSeconds(1);

        assertThat(ThreadsSettings.of(url, USER_ID, TOKEN).toString()).doesNotContain(TOKEN).contains("****");
        assertThatIllegalArgumentException().isThrownBy(() -> ThreadsSettings.of(url, USER_ID, " "));
        assertThatIllegalArgumentException().isThrownBy(() -> ThreadsSettings.of(url, "../me", TOKEN));
        assertThatIllegalArgumentException().isThrownBy(() -> ThreadsSettings.of(URI.create("ftp://graph.threads.net"), USER_ID, TOKEN));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new ThreadsSettings(url, USER_ID, TOKEN, second, second, Duration.ofSeconds(-1), 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new ThreadsSettings(url, USER_ID, TOKEN, second, second, Duration.ZERO, 0));
    }

    private ThreadsConnector connector() {
        return connector(Duration.ofSeconds(5));
    }

    private ThreadsConnector connector(Duration readTimeout) {
        return new ThreadsConnector(new ThreadsSettings(URI.create(api.baseUrl()), USER_ID, TOKEN, Duration.ofSeconds(2),
                readTimeout, Duration.ZERO, 3));
    }

    /** Method and path of every request WireMock received, oldest first. */
    private static List<String> requestsInOrder() {
        return api.getAllServeEvents().reversed().stream().map(ServeEvent::getRequest)
                .map(request -> request.getMethod() + " " + URI.create(request.getUrl()).getPath()).toList();
    }
}
