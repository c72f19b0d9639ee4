package org.kohogateway.connectors.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import static org.kohogateway.connectors.PublicationBuilder.aPublication;
import static org.kohogateway.connectors.x.XConnectorContractTest.xError;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** What only X does; what every connector does is in {@link XConnectorContractTest}. */
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

        connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).noReplies().build());

        x.verify(postRequestedFor(urlEqualTo(TWEETS))
                .withRequestBody(matchingJsonPath("$.reply_settings", equalTo("mentionedUsers"))));
    }

    @Test
    void appendsOnlyTheLinksTheTextDoesNotAlreadyContain() {
        stubTweets(created());
        URI inText = URI.create("https://www.city.gotsu.lg.jp/");
        URI extra = URI.create("https://www.city.gotsu.lg.jp/kanko/hanabi.html");
        String text = "詳しくは " + inText + " をご覧ください";

        connector().publish(aPublication().deliveryKey(deliveryKey).text(text).links(inText, extra).build());

        x.verify(postRequestedFor(urlEqualTo(TWEETS)).withRequestBody(matchingJsonPath("$.text", equalTo(text + "\n" + extra))));
    }

    @Test
    void answersAndQuotesXPostsByTheIdInTheirAddress() {
        stubTweets(created());

        connector().publish(aPublication().deliveryKey(deliveryKey).text(TEXT).noReplies()
                .replyTo("https://x.com/gotsu_citizen/status/1445880548472328100")
                .quoteOf("https://twitter.com/shimane_pref/status/1445880548472328200?s=20").build());

        x.verify(postRequestedFor(urlEqualTo(TWEETS))
                .withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id", equalTo("1445880548472328100")))
                .withRequestBody(matchingJsonPath("$.quote_tweet_id", equalTo("1445880548472328200")))
                .withRequestBody(matchingJsonPath("$.reply_settings", equalTo("mentionedUsers"))));
    }

    @Test
    void refusesToAnswerOrQuoteWhatIsNotAnXPostWithoutCallingX() {
        for (Publication p : List.of(
                aPublication().text(TEXT).replyTo("https://www.facebook.com/a/posts/1").build(),
                aPublication().text(TEXT).quoteOf("https://x.com.example.com/a/status/1").build(),
                aPublication().text(TEXT).replyTo("http://x.com/a/status/1").build())) {
            assertThat(connector().publish(p)).as(p.toString()).isInstanceOf(PublishOutcome.Permanent.class);
        }
        assertThat(x.getAllServeEvents()).isEmpty();
    }

    // --- publish: HTTP errors

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
        assertThat(((PublishOutcome.Transient) outcome).trouble())
                .as("the day's cap used up is the account's quota, not a short rate limit")
                .contains(PublishOutcome.AccountTrouble.QUOTA_EXHAUSTED);
    }

    @Test
    void namesASuspendedAccountAsTheAccountsTroubleNotThePosts() {
        stubTweets(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json").withBody("""
                {"title":"Forbidden","type":"about:blank","status":403,"detail":"Your account is suspended and is not permitted to access this feature"}
                """));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Permanent.class))
                .extracting(PublishOutcome.Permanent::trouble)
                .isEqualTo(Optional.of(PublishOutcome.AccountTrouble.SUSPENDED));
    }

    @Test
    void treats429WhoseResetHasPassedAsTransientWithoutWait() {
        stubTweets(xError(429, "Too Many Requests", "Too Many Requests")
                .withHeader("x-rate-limit-reset", Long.toString(NOW.getEpochSecond() - 5)));

        PublishOutcome outcome = connector().publish(Publication.text(deliveryKey, TEXT));

        assertThat(outcome).asInstanceOf(type(PublishOutcome.Transient.class))
                .extracting(PublishOutcome.Transient::retryAfter).isEqualTo(Optional.of(Duration.ZERO));
        assertThat(((PublishOutcome.Transient) outcome).trouble()).contains(PublishOutcome.AccountTrouble.RATE_LIMITED);
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
        assertThat(((PublishOutcome.Permanent) outcome).trouble()).as("not a verdict on the account").isEmpty();
    }

    // --- profile

    @Test
    void readsAProfileWithoutWebsiteAsEmptyWebsite() {
        x.stubFor(get(urlPathEqualTo(ME)).willReturn(okJson("""
                {"data":{"id":"2244994945","name":"江津市","username":"gotsu_city","description":"","url":""}}
                """)));

        ProfileReading reading = connector().readProfile();

        assertThat(reading).isEqualTo(new ProfileReading.Profile("江津市", "", Optional.empty()));
    }

    // --- settings

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

    private XConnector connector() {
        URI base = URI.create(x.baseUrl());
        return new XConnector(new XSettings(base.resolve("/1.1/"), base.resolve("/2/"), CONSUMER_KEY, CONSUMER_SECRET,
                ACCESS_TOKEN, ACCESS_TOKEN_SECRET, Duration.ofSeconds(2), Duration.ofSeconds(5)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"data\":{\"edit_history_tweet_ids\":[\"" + TWEET_ID + "\"],\"id\":\"" + TWEET_ID
                        + "\",\"text\":\"" + TEXT + "\"}}");
    }

    private static void stubTweets(ResponseDefinitionBuilder response) {
        x.stubFor(post(TWEETS).willReturn(response));
    }
}
