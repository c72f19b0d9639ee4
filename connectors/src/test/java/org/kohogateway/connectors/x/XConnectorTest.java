package org.kohogateway.connectors.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class XConnectorTest {

    private static final String CONSUMER_KEY = "xck-test-consumer-key-31a7";
    private static final String CONSUMER_SECRET = "xcs-test-consumer-secret-8b2c";
    private static final String ACCESS_TOKEN = "1234567890-xat-test-access-token-55d0";
    private static final String ACCESS_TOKEN_SECRET = "xats-test-access-token-secret-e9f4";
    private static final List<String> CREDENTIALS = List.of(CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET);

    private static final String TWEETS = "/2/tweets";
    private static final String ME = "/2/users/me";
    private static final String TEXT = "【江津市】本日17時から江の川河川敷で花火大会を開催します。";
    private static final String TWEET_ID = "1445880548472328192";
    private static final Instant NOW = Instant.ofEpochSecond(1_760_000_000L);

    @RegisterExtension
    static WireMockExtension x = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UUID deliveryKey = UUID.randomUUID();

    // --- publish: success

    @Test
    void postsTheTextToV2TweetsSignedWithOAuth1aUserContext() {
        stubTweets(created());

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isEqualTo(new PublishOutcome.Published(TWEET_ID));
        x.verify(1, postRequestedFor(urlEqualTo(TWEETS))
                .withHeader("Authorization", matching("OAuth .*oauth_consumer_key=\"" + CONSUMER_KEY + "\".*"))
                .withHeader("Authorization", matching(".*oauth_token=\"" + ACCESS_TOKEN + "\".*"))
                .withHeader("Authorization", matching(".*oauth_signature=\"[^\"]+\".*"))
                .withHeader("Authorization", matching(".*oauth_signature_method=\"HMAC-SHA1\".*"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.text", equalTo(TEXT)))
                .withRequestBody(notContaining("reply_settings")));
        assertThat(x.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                .doesNotContain(CONSUMER_SECRET).doesNotContain(ACCESS_TOKEN_SECRET);
    }

    @Test
    void letsOnlyMentionedUsersReplyWhenThePolicyForbidsReplies() {
        stubTweets(created());

        connector().publish(new Publication(deliveryKey, TEXT, List.of(), List.of(), true));

        x.verify(postRequestedFor(urlEqualTo(TWEETS))
                .withRequestBody(matchingJsonPath("$.reply_settings", equalTo("mentionedUsers"))));
    }

    @Test
    void appendsOnlyTheLinksTheTextDoesNotAlreadyContain() {
        stubTweets(created());
        URI inText = URI.create("https://www.city.gotsu.lg.jp/");
        URI extra = URI.create("https://www.city.gotsu.lg.jp/kanko/hanabi.html");
        String text = "詳しくは " + inText + " をご覧ください";

        connector().publish(new Publication(deliveryKey, text, List.of(inText, extra), List.of(), false));

        x.verify(postRequestedFor(urlEqualTo(TWEETS)).withRequestBody(matchingJsonPath("$.text", equalTo(text + "\n" + extra))));
    }

    @Test
    void refusesImagesWithoutCallingXBecauseItPostsTextOnly() {
        Publication withImage = new Publication(deliveryKey, TEXT, List.of(),
                List.of(URI.create("https://www.city.gotsu.lg.jp/img/hanabi.jpg")), false);

        PublishOutcome outcome = connector().publish(withImage);

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("text only");
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    @Test
    void answersAndQuotesXPostsByTheIdInTheirAddress() {
        stubTweets(created());

        connector().publish(new Publication(deliveryKey, TEXT, List.of(), List.of(), true,
                "https://x.com/gotsu_citizen/status/1445880548472328100",
                "https://twitter.com/shimane_pref/status/1445880548472328200?s=20"));

        x.verify(postRequestedFor(urlEqualTo(TWEETS))
                .withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id", equalTo("1445880548472328100")))
                .withRequestBody(matchingJsonPath("$.quote_tweet_id", equalTo("1445880548472328200")))
                .withRequestBody(matchingJsonPath("$.reply_settings", equalTo("mentionedUsers"))));
    }

    @Test
    void refusesToAnswerOrQuoteWhatIsNotAnXPostWithoutCallingX() {
        for (Publication p : List.of(
                new Publication(deliveryKey, TEXT, List.of(), List.of(), false, "https://www.facebook.com/a/posts/1", null),
                new Publication(deliveryKey, TEXT, List.of(), List.of(), false, null, "https://x.com.example.com/a/status/1"),
                new Publication(deliveryKey, TEXT, List.of(), List.of(), false, "http://x.com/a/status/1", null))) {
            assertThat(connector().publish(p)).as(p.toString()).isInstanceOf(PublishOutcome.Permanent.class);
        }
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAnEmptyPublicationWithoutCallingX() {
        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, "  "));

        assertThat(outcome).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    // --- publish: HTTP errors

    @Test
    void treats429AsTransientUntilTheRateLimitResets() {
        stubTweets(xError(429, "Too Many Requests", "Too Many Requests")
                .withHeader("x-rate-limit-limit", "200")
                .withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() + 900)));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .satisfies(t -> assertThat(t.retryAfter()).contains(Duration.ofMinutes(15)))
                .satisfies(t -> assertThat(t.reason()).contains("429", "Too Many Requests"));
    }

    @Test
    void waitsForTheTwentyFourHourUserLimitWhenThatIsTheExhaustedOne() {
        stubTweets(xError(429, "Too Many Requests", "Too Many Requests")
                .withHeader("x-rate-limit-limit", "200")
                .withHeader("x-rate-limit-remaining", "187")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() + 600))
                .withHeader("x-user-limit-24hour-limit", "17")
                .withHeader("x-user-limit-24hour-remaining", "0")
                .withHeader("x-user-limit-24hour-reset", Long.toString(NOW.getEpochSecond() + 7200)));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ofHours(2)));
    }

    @Test
    void treats429WhoseResetHasPassedAsTransientWithoutWait() {
        stubTweets(xError(429, "Too Many Requests", "Too Many Requests")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() - 5)));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ZERO));
    }

    /** X has no idempotency key: a 5xx to POST /2/tweets does not say that the post was not made. */
    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 503, 504})
    void aServerErrorOnCreatingAnXPostIsUnknownNeverTransient(int status) {
        stubTweets(xError(status, "Service Unavailable", "Service Unavailable"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains(Integer.toString(status));
        x.verify(1, postRequestedFor(urlEqualTo(TWEETS)));
    }

    @Test
    void anHtmlErrorPageOn502ToCreatingAnXPostIsUnknownAndReadWithoutCrashing() {
        stubTweets(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body>upstream connect error</body></html>"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains("502", "502 Bad Gateway");
    }

    @Test
    void aDuplicateRefusalOnALaterAttemptMeansTheXPostProbablyExists() {
        stubTweets(xError(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."));

        PublishOutcome outcome = connector().publish(new Publication(deliveryKey, TEXT, List.of(), List.of(), false,
                null, null, 2));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString()
                .contains("probably exists from an earlier attempt", "duplicate content");
    }

    @Test
    void treatsUnauthorizedAsPermanentCredentialTrouble() {
        stubTweets(xError(401, "Unauthorized", "Unauthorized"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("401", "credentials");
    }

    @Test
    void treatsForbiddenDuplicateContentAsPermanentDuplicate() {
        stubTweets(xError(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString()
                .startsWith("duplicate post refused")
                .contains("403", "You are not allowed to create a Tweet with duplicate content.");
    }

    @Test
    void treatsOtherForbiddenAnswersAsPermanentButNotAsDuplicates() {
        stubTweets(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json").withBody("""
                {"client_id":"29384756","detail":"When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.","registration_url":"https://developer.twitter.com/en/docs/projects/overview","title":"Client Forbidden","required_enrollment":"Appropriate Level of API Access","reason":"client-not-enrolled","type":"https://api.twitter.com/2/problems/client-forbidden"}
                """));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString()
                .doesNotContain("duplicate").contains("403", "Client Forbidden");
    }

    @Test
    void treatsAnInvalidRequestAsPermanentWithXsMessage() {
        stubTweets(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json").withBody("""
                {"errors":[{"parameters":{"text":["…"]},"message":"Tweet text is too long."}],
                 "title":"Invalid Request","detail":"One or more parameters to your request was invalid.",
                 "type":"https://api.twitter.com/2/problems/invalid-request"}
                """));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString()
                .contains("400", "One or more parameters", "Tweet text is too long.", "Invalid Request");
    }

    @Test
    void treatsGarbageJsonOn400AsPermanentWithoutCrashing() {
        stubTweets(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"title\": \"Inva"));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::reason).asString().contains("400");
    }

    @Test
    void treatsAnUnreadableSuccessAnswerAsUnknownBecauseThePostMayExist() {
        stubTweets(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"data\": {\"id\""));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
    }

    // --- publish: network trouble

    @Test
    void treatsConnectionRefusedAsTransient() throws IOException {
        URI closed = closedPortUrl();
        XConnector connector = new XConnector(new XSettings(closed.resolve("/1.1/"), closed.resolve("/2/"), CONSUMER_KEY,
                CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, Duration.ofSeconds(2), Duration.ofSeconds(2)));

        PublishOutcome outcome = connector.publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .satisfies(t -> assertThat(t.reason()).contains("could not connect"))
                .satisfies(t -> assertThat(t.retryAfter()).isEmpty());
    }

    @Test
    void treatsConnectTimeoutAsTransient() throws IOException {
        try (ServerSocket unaccepting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> backlog = fillBacklog(unaccepting);
            try {
                URI base = URI.create("http://127.0.0.1:" + unaccepting.getLocalPort());
                XConnector connector = new XConnector(new XSettings(base.resolve("/1.1/"), base.resolve("/2/"), CONSUMER_KEY,
                        CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, Duration.ofMillis(300), Duration.ofSeconds(5)));

                PublishOutcome outcome = connector.publish(Publication.text(deliveryKey, TEXT));

                assertThat(outcome).isInstanceOf(PublishOutcome.Transient.class);
            } finally {
                for (Socket socket : backlog) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void treatsReadTimeoutAsUnknown() {
        stubTweets(created().withFixedDelay(1500));

        PublishOutcome outcome = connector(Duration.ofMillis(250)).publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Unknown.class))
                .extracting(PublishOutcome.Unknown::reason).asString().contains("read timeout");
    }

    @Test
    void treatsConnectionResetAfterSendingAsUnknownAndNeverSendsThePostTwice() {
        stubTweets(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        x.verify(1, postRequestedFor(urlEqualTo(TWEETS)));
    }

    @Test
    void treatsAnEmptyAnswerAsUnknownAndNeverSendsThePostTwice() {
        stubTweets(aResponse().withFault(Fault.EMPTY_RESPONSE));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        x.verify(1, postRequestedFor(urlEqualTo(TWEETS)));
    }

    // --- delete

    @Test
    void deletesThePostThroughV2SignedWithOAuth() {
        x.stubFor(delete(TWEETS + "/" + TWEET_ID).willReturn(okJson("{\"data\":{\"deleted\":true}}")));

        DeleteOutcome outcome = connector().delete(TWEET_ID);

        assertThat(outcome).isEqualTo(new DeleteOutcome.Deleted());
        x.verify(1, deleteRequestedFor(urlEqualTo(TWEETS + "/" + TWEET_ID))
                .withHeader("Authorization", matching("OAuth .*oauth_token=\"" + ACCESS_TOKEN + "\".*")));
    }

    @Test
    void reportsARefusedDeletionAsNotRetryableAndAnOutageAsRetryable() {
        x.stubFor(delete(TWEETS + "/1").willReturn(xError(403, "Forbidden", "You are not allowed to delete this Tweet.")));
        x.stubFor(delete(TWEETS + "/2").willReturn(xError(503, "Service Unavailable", "Service Unavailable")));
        XConnector connector = connector();

        assertThat(connector.delete("1")).asInstanceOf(type(DeleteOutcome.Failed.class))
                .satisfies(f -> assertThat(f.retryable()).isFalse())
                .satisfies(f -> assertThat(f.reason()).contains("You are not allowed to delete this Tweet."));
        assertThat(connector.delete("2")).asInstanceOf(type(DeleteOutcome.Failed.class))
                .satisfies(f -> assertThat(f.retryable()).isTrue());
    }

    @Test
    void refusesToDeleteSomethingThatIsNotAPostIdWithoutCallingX() {
        DeleteOutcome outcome = connector().delete("../users/me");

        assertThat(outcome).asInstanceOf(type(DeleteOutcome.Failed.class))
                .satisfies(f -> assertThat(f.retryable()).isFalse());
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    // --- profile

    @Test
    void readsTheProfileWithTheExpandedWebsiteInsteadOfTheTcoLink() {
        x.stubFor(get(urlPathEqualTo(ME)).willReturn(okJson("""
                {"data":{"id":"2244994945","name":"江津市","username":"gotsu_city",
                 "description":"島根県江津市の公式アカウントです。返信・リプライには対応していません。",
                 "url":"https://t.co/Kx7fQ2mPzL",
                 "entities":{"url":{"urls":[{"start":0,"end":23,"url":"https://t.co/Kx7fQ2mPzL",
                   "expanded_url":"https://www.city.gotsu.lg.jp","display_url":"city.gotsu.lg.jp"}]},
                  "description":{"mentions":[]}},
                 "pinned_tweet_id":"1445880548472328192"},
                 "includes":{"tweets":[{"id":"1445880548472328192","text":"江津市公式アカウントです","edit_history_tweet_ids":["1445880548472328192"]}]}}
                """)));

        ProfileReading reading = connector().readProfile();

        assertThat(reading).isEqualTo(new ProfileReading.Profile("江津市",
                "島根県江津市の公式アカウントです。返信・リプライには対応していません。",
                Optional.of("https://www.city.gotsu.lg.jp")));
        x.verify(1, getRequestedFor(urlPathEqualTo(ME))
                .withQueryParam("user.fields", equalTo("description,url,entities"))
                .withHeader("Authorization", matching("OAuth .*oauth_consumer_key=\"" + CONSUMER_KEY + "\".*")));
    }

    @Test
    void readsAProfileWithoutWebsiteAsEmptyWebsite() {
        x.stubFor(get(urlPathEqualTo(ME)).willReturn(okJson("""
                {"data":{"id":"2244994945","name":"江津市","username":"gotsu_city","description":"","url":""}}
                """)));

        ProfileReading reading = connector().readProfile();

        assertThat(reading).isEqualTo(new ProfileReading.Profile("江津市", "", Optional.empty()));
    }

    @Test
    void reportsTheProfileReadingAsFailedWhenXRejectsTheCredentials() {
        x.stubFor(get(urlPathEqualTo(ME)).willReturn(xError(401, "Unauthorized", "Unauthorized")));

        ProfileReading reading = connector().readProfile();

        assertThat(reading).asInstanceOf(type(ProfileReading.Failed.class))
                .extracting(ProfileReading.Failed::reason).asString().contains("401");
    }

    // --- credentials and the rest

    @Test
    void neverWritesCredentialsToTheLogOrIntoReasons() {
        stubTweets(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        x.stubFor(get(urlPathEqualTo(ME)).willReturn(xError(401, "Unauthorized", "Unauthorized")));
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PublishOutcome outcome;
        ProfileReading reading;
        System.setOut(capture);
        System.setErr(capture);
        try {
            XConnector connector = connector();
            outcome = connector.publish(Publication.text(deliveryKey, TEXT));
            reading = connector.readProfile();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains(deliveryKey.toString());
        for (String credential : CREDENTIALS) {
            assertThat(log).doesNotContain(credential);
            assertThat(outcome.toString()).doesNotContain(credential);
            assertThat(reading.toString()).doesNotContain(credential);
        }
    }

    @Test
    void settingsToStringMasksAllFourCredentials() {
        String text = XSettings.of(CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET).toString();

        assertThat(text).contains("https://api.twitter.com/2/");
        CREDENTIALS.forEach(credential -> assertThat(text).doesNotContain(credential));
    }

    @Test
    void settingsAddTheTrailingSlashTheLibrariesNeed() {
        XSettings settings = new XSettings(URI.create("http://localhost:1/1.1"), URI.create("http://localhost:1/2"),
                CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(settings.restBaseUrl()).isEqualTo(URI.create("http://localhost:1/1.1/"));
        assertThat(settings.v2BaseUrl()).isEqualTo(URI.create("http://localhost:1/2/"));
    }

    @Test
    void settingsRejectBlankCredentialsBadUrlsAndNonPositiveTimeouts() {
        URI rest = XSettings.PRODUCTION_REST_BASE_URL;
        URI v2 = XSettings.PRODUCTION_V2_BASE_URL;
        Duration second = Duration.ofSeconds(1);

        assertThatIllegalArgumentException().isThrownBy(() -> XSettings.of(" ", CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET));
        assertThatIllegalArgumentException().isThrownBy(() -> XSettings.of(CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new XSettings(URI.create("ftp://api.twitter.com/1.1/"), v2,
                CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, second, second));
        assertThatIllegalArgumentException().isThrownBy(() -> new XSettings(rest, URI.create("https://api.twitter.com/2/?x=1"),
                CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, second, second));
        assertThatIllegalArgumentException().isThrownBy(() -> new XSettings(rest, v2,
                CONSUMER_KEY, CONSUMER_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, Duration.ZERO, second));
    }

    @Test
    void isTheXConnectorAndDoesNotDeduplicateRetries() {
        XConnector connector = connector();

        assertThat(connector.platform()).isEqualTo(Platform.X);
        assertThat(connector.deduplicatesRetries()).isFalse();
    }

    private XConnector connector() {
        return connector(Duration.ofSeconds(5));
    }

    private XConnector connector(Duration readTimeout) {
        URI base = URI.create(x.baseUrl());
        return new XConnector(new XSettings(base.resolve("/1.1/"), base.resolve("/2/"), CONSUMER_KEY, CONSUMER_SECRET,
                ACCESS_TOKEN, ACCESS_TOKEN_SECRET, Duration.ofSeconds(2), readTimeout), Clock.fixed(NOW, ZoneOffset.UTC));
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

    private static URI closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"data\":{\"edit_history_tweet_ids\":[\"" + TWEET_ID + "\"],\"id\":\"" + TWEET_ID
                        + "\",\"text\":\"" + TEXT + "\"}}");
    }

    private static void stubTweets(ResponseDefinitionBuilder response) {
        x.stubFor(post(TWEETS).willReturn(response));
    }

    /** X API v2's problem-details error body. */
    private static ResponseDefinitionBuilder xError(int status, String title, String detail) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"" + title + "\",\"detail\":\"" + detail + "\",\"type\":\"about:blank\",\"status\":"
                        + status + "}");
    }
}
