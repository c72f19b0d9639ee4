package org.kohogateway.connectors.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.ACCESS;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.APPLY_WRITES;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.APP_PASSWORD;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.CREATE_SESSION;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.GET_RECORD;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.HANDLE;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.REFRESH;
import static org.kohogateway.connectors.bluesky.BlueskyStubs.REFRESH_SESSION;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** What only Bluesky does: the session kept, the record key that makes a repeat harmless, facets, threadgates. */
class BlueskyConnectorTest {

    @RegisterExtension
    static final WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = Instant.parse("2025-10-01T08:10:00Z");

    private final UUID deliveryKey = UUID.randomUUID();
    private final String uri = BlueskyStubs.postUri(deliveryKey);

    @BeforeEach
    void session() {
        BlueskyStubs.session(api, ACCESS);
    }

    private BlueskyConnector connector(Duration readTimeout) {
        return new BlueskyConnector(new BlueskySettings(URI.create(api.baseUrl()), HANDLE, APP_PASSWORD,
                Duration.ofSeconds(2), readTimeout), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private BlueskyConnector connector() {
        return connector(Duration.ofSeconds(5));
    }

    private Publication publication(int attempt) {
        return aPublication().deliveryKey(deliveryKey).text("江津市からのお知らせ").attempt(attempt).build();
    }

    // --- the session

    /** createSession is allowed 300 times a day per account: a session per post would lock the city out. */
    @Test
    void manyPostsShareOneSession() {
        api.stubFor(BlueskyStubs.writes(ACCESS).willReturn(BlueskyStubs.created("at://unused")));
        api.stubFor(BlueskyStubs.getRecord().willReturn(BlueskyStubs.recordNotFound("at://unused")));
        BlueskyConnector connector = connector();

        for (int i = 0; i < 5; i++) {
            connector.publish(Publication.text(UUID.randomUUID(), "お知らせ " + i));
        }
        connector.readProfile();

        api.verify(5, postRequestedFor(urlPathEqualTo(APPLY_WRITES)));
        api.verify(1, postRequestedFor(urlPathEqualTo(CREATE_SESSION)));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedWithTheRefreshTokenAndTheWriteMadeOnceMore() {
        api.stubFor(BlueskyStubs.writes(ACCESS).willReturn(BlueskyStubs.error(400, "ExpiredToken", "Token has expired")));
        api.stubFor(post(REFRESH_SESSION).withHeader("Authorization", equalTo("Bearer " + REFRESH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(BlueskyStubs.session("access-2", "refresh-2"))));
        api.stubFor(BlueskyStubs.writes("access-2").willReturn(BlueskyStubs.created(uri)));

        assertThat(connector().publish(publication(1))).isEqualTo(new PublishOutcome.Published(uri));
        api.verify(1, postRequestedFor(urlPathEqualTo(CREATE_SESSION)));
        api.verify(1, postRequestedFor(urlPathEqualTo(REFRESH_SESSION)));
    }

    // --- exactly once

    /**
     * The server made the post but its answer never came; the record is not readable yet when the connector looks, so
     * the outcome is unknown. The retry finds the post under the delivery's record key: one post, SENT.
     */
    @Test
    void aRetryAfterALostAnswerFindsThePostTheFirstAttemptMadeAndWritesNothingMore() {
        api.stubFor(post(APPLY_WRITES).inScenario("pds").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("committing").willReturn(BlueskyStubs.created(uri).withFixedDelay(1500)));
        api.stubFor(BlueskyStubs.getRecord().inScenario("pds").whenScenarioStateIs("committing")
                .willSetStateTo("created").willReturn(BlueskyStubs.recordNotFound(uri)));
        api.stubFor(BlueskyStubs.getRecord().withQueryParam("rkey", equalTo(RecordKeys.forDelivery(deliveryKey)))
                .inScenario("pds").whenScenarioStateIs("created").willReturn(BlueskyStubs.record(uri, "江津市からのお知らせ")));
        api.stubFor(post(APPLY_WRITES).inScenario("pds").whenScenarioStateIs("created")
                .willReturn(BlueskyStubs.error(500, "InternalServerError", "Internal Server Error")));

        assertThat(connector(Duration.ofMillis(300)).publish(publication(1))).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(connector().publish(publication(2))).isEqualTo(new PublishOutcome.Published(uri));

        api.verify(1, postRequestedFor(urlPathEqualTo(APPLY_WRITES)));
    }

    @Test
    void aLostAnswerWhosePostIsAlreadyThereIsPublished() {
        api.stubFor(post(APPLY_WRITES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        api.stubFor(BlueskyStubs.getRecord().willReturn(BlueskyStubs.record(uri, "江津市からのお知らせ")));

        assertThat(connector().publish(publication(1))).isEqualTo(new PublishOutcome.Published(uri));
    }

    /** Bluesky's PDS answers a create under a key already taken with 500: only the look-up tells what it means. */
    @Test
    void aRepeatRefusedBecauseTheKeyIsTakenIsThePostOfAnEarlierAttempt() {
        api.stubFor(BlueskyStubs.getRecord().inScenario("pds").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("checked").willReturn(aResponse().withStatus(502)));
        api.stubFor(post(APPLY_WRITES).willReturn(BlueskyStubs.error(500, "InternalServerError", "Internal Server Error")));
        api.stubFor(BlueskyStubs.getRecord().inScenario("pds").whenScenarioStateIs("checked")
                .willReturn(BlueskyStubs.record(uri, "江津市からのお知らせ")));

        assertThat(connector().publish(publication(2))).isEqualTo(new PublishOutcome.Published(uri));
    }

    @Test
    void theRecordKeyIsAValidTidTheSameOnEveryAttemptAndDifferentForEveryDelivery() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String key = RecordKeys.forDelivery(UUID.randomUUID());
            assertThat(RecordKeys.isTid(key)).as(key).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(10_000);
        assertThat(RecordKeys.forDelivery(deliveryKey)).isEqualTo(RecordKeys.forDelivery(
                UUID.fromString(deliveryKey.toString())));
    }

    // --- the records

    @Test
    void theNoReplyPolicyWritesAThreadgateWithAnEmptyAllowListInTheSameWriteAsThePost() {
        api.stubFor(BlueskyStubs.writes(ACCESS).willReturn(BlueskyStubs.created(uri)));
        String rkey = RecordKeys.forDelivery(deliveryKey);

        assertThat(connector().publish(aPublication().deliveryKey(deliveryKey).noReplies().build()))
                .isEqualTo(new PublishOutcome.Published(uri));

        api.verify(1, postRequestedFor(urlPathEqualTo(APPLY_WRITES))
                .withRequestBody(matchingJsonPath("$.writes[0].collection", equalTo("app.bsky.feed.post")))
                .withRequestBody(matchingJsonPath("$.writes[0].rkey", equalTo(rkey)))
                .withRequestBody(matchingJsonPath("$.writes[1].$type", equalTo("com.atproto.repo.applyWrites#create")))
                .withRequestBody(matchingJsonPath("$.writes[1].collection", equalTo("app.bsky.feed.threadgate")))
                .withRequestBody(matchingJsonPath("$.writes[1].rkey", equalTo(rkey)))
                .withRequestBody(matchingJsonPath("$.writes[1].value.post", equalTo(uri)))
                .withRequestBody(matchingJsonPath("$.writes[1].value.allow", equalToJson("[]"))));
    }

    @Test
    void aPostThatMayBeAnsweredHasNoThreadgate() {
        api.stubFor(BlueskyStubs.writes(ACCESS).willReturn(BlueskyStubs.created(uri)));

        connector().publish(publication(1));

        api.verify(1, postRequestedFor(urlPathEqualTo(APPLY_WRITES))
                .withRequestBody(matchingJsonPath("$.writes.length()", equalTo("1"))));
    }

    /** Facet offsets count UTF-8 bytes: each of 江津市 is three bytes but one UTF-16 unit. */
    @Test
    void linksAreFacetsWhoseSpansCountUtf8BytesAndTheFirstIsTheLinkCard() {
        api.stubFor(BlueskyStubs.writes(ACCESS).willReturn(BlueskyStubs.created(uri)));
        String before = "江津市の花火大会 ";
        String link = "https://www.city.gotsu.lg.jp/kanko/hanabi/";
        int start = before.getBytes(StandardCharsets.UTF_8).length;

        connector().publish(aPublication().deliveryKey(deliveryKey).text(before + link + " をご覧ください").build());

        api.verify(1, postRequestedFor(urlPathEqualTo(APPLY_WRITES))
                .withRequestBody(matchingJsonPath("$.writes[0].value.facets[0].index.byteStart",
                        equalTo(Integer.toString(start))))
                .withRequestBody(matchingJsonPath("$.writes[0].value.facets[0].index.byteEnd",
                        equalTo(Integer.toString(start + link.length()))))
                .withRequestBody(matchingJsonPath("$.writes[0].value.facets[0].features[0].$type",
                        equalTo("app.bsky.richtext.facet#link")))
                .withRequestBody(matchingJsonPath("$.writes[0].value.facets[0].features[0].uri", equalTo(link)))
                .withRequestBody(matchingJsonPath("$.writes[0].value.embed.$type", equalTo("app.bsky.embed.external")))
                .withRequestBody(matchingJsonPath("$.writes[0].value.embed.external.uri", equalTo(link)))
                .withRequestBody(matchingJsonPath("$.writes[0].value.createdAt", equalTo("2025-10-01T08:10:00.000Z"))));
    }

    /** A thumbs-up with a skin tone is two code points and four UTF-16 units, and one grapheme. */
    @Test
    void theTextLimitCountsGraphemes() {
        api.stubFor(BlueskyStubs.writes(ACCESS).willReturn(BlueskyStubs.created(uri)));
        String thumbs = "\uD83D\uDC4D\uD83C\uDFFD";
        BlueskyConnector connector = connector();

        assertThat(connector.publish(aPublication().deliveryKey(deliveryKey).text(thumbs.repeat(300)).build()))
                .isEqualTo(new PublishOutcome.Published(uri));
        assertThat(connector.publish(aPublication().text(thumbs.repeat(301)).build()))
                .asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("300 graphemes", "301");
        api.verify(1, postRequestedFor(urlPathEqualTo(APPLY_WRITES)));
    }

    @Test
    void aSpentWriteAllowanceWaitsForItsResetWithoutSending() {
        api.stubFor(BlueskyStubs.writes(ACCESS).willReturn(BlueskyStubs.created(uri)
                .withHeader("RateLimit-Limit", "5000").withHeader("RateLimit-Remaining", "2")
                .withHeader("RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 600))));
        BlueskyConnector connector = connector();
        connector.publish(publication(1));

        assertThat(connector.publish(Publication.text(UUID.randomUUID(), "次のお知らせ")))
                .asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ofMinutes(10)));
        api.verify(1, postRequestedFor(urlPathEqualTo(APPLY_WRITES)));
    }

    @Test
    void refusesToDeleteAPostInAnotherAccountsRepository() {
        assertThat(connector().delete("at://did:plc:someoneelse234567abcdefg/app.bsky.feed.post/3lbqxhlpsyk2c"))
                .asInstanceOf(type(DeleteOutcome.Failed.class))
                .satisfies(f -> assertThat(f.retryable()).isFalse());
        api.verify(0, postRequestedFor(urlPathEqualTo("/xrpc/com.atproto.repo.deleteRecord")));
        api.verify(0, getRequestedFor(urlPathEqualTo(GET_RECORD)));
    }
}
