package org.kohogateway.connectors.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.FindOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** What only X's look-up does; what every look-up does is in {@link XConnectorContractTest}. */
class XFindRecentTest {

    private static final String CONSUMER_KEY = "xck-test-consumer-key-find-01";
    private static final String ME = "/2/users/me";
    private static final String USER_ID = "2244994945";
    private static final String TIMELINE = "/2/users/" + USER_ID + "/tweets";
    private static final String TEXT = "【江津市】本日17時から江の川河川敷で花火大会を開催します。";
    private static final String LINKED = "詳しくは https://www.city.gotsu.lg.jp/kanko/hanabi.html をご覧ください";
    private static final Instant SINCE = Instant.parse("2025-10-01T08:00:00Z");

    @RegisterExtension
    static WireMockExtension x = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void findsThePostInTheAccountsOwnTimelineSinceTheGivenTime() {
        stubMe();
        stubTimeline(okJson(page(null, tweet("1845000000000000002", "別の投稿です"), tweet("1845000000000000001", TEXT))));

        FindOutcome outcome = connector().findRecent(TEXT, SINCE, Set.of());

        assertThat(outcome).isEqualTo(new FindOutcome.Found("1845000000000000001"));
        x.verify(1, getRequestedFor(urlPathEqualTo(TIMELINE))
                .withQueryParam("start_time", matching("2025-10-01T08:00:00(\\.000)?Z"))
                .withQueryParam("max_results", equalTo("100"))
                .withQueryParam("exclude", equalTo("retweets"))
                .withQueryParam("pagination_token", absent())
                .withHeader("Authorization", matching("OAuth .*oauth_consumer_key=\"" + CONSUMER_KEY + "\".*")));
    }

    @Test
    void matchesTheTextAsXRendersItWithShortLinksAndAppendedLinks() {
        stubMe();
        String rendered = "詳しくは https://t.co/Kx7fQ2mPzL をご覧ください\nhttps://t.co/Zz9yX8wV7u";
        stubTimeline(okJson(page(null, tweet("1845000000000000003", rendered.replace("\n", "\\n")))));

        FindOutcome outcome = connector().findRecent(LINKED, SINCE, Set.of());

        assertThat(outcome).isEqualTo(new FindOutcome.Found("1845000000000000003"));
    }

    @Test
    void followsThePaginationUntilThePostIsFound() {
        stubMe();
        x.stubFor(get(urlPathEqualTo(TIMELINE)).withQueryParam("pagination_token", absent())
                .willReturn(okJson(page("7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i", tweet("1845000000000000009", "別の投稿")))));
        x.stubFor(get(urlPathEqualTo(TIMELINE)).withQueryParam("pagination_token", equalTo("7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"))
                .willReturn(okJson(page(null, tweet("1845000000000000001", TEXT)))));

        FindOutcome outcome = connector().findRecent(TEXT, SINCE, Set.of());

        assertThat(outcome).isEqualTo(new FindOutcome.Found("1845000000000000001"));
    }

    @Test
    void asksForTheAccountsIdOnlyOnce() {
        stubMe();
        stubTimeline(okJson(page(null, tweet("1845000000000000002", "別の投稿です"))));
        XConnector connector = connector();

        connector.findRecent(TEXT, SINCE, Set.of());
        connector.findRecent(TEXT, SINCE, Set.of());

        x.verify(1, getRequestedFor(urlPathEqualTo(ME)));
        x.verify(2, getRequestedFor(urlPathEqualTo(TIMELINE)));
    }

    @Test
    void failsWhenTheAccountCannotBeIdentified() {
        x.stubFor(get(urlPathEqualTo(ME)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthorized\",\"detail\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401}")));

        FindOutcome outcome = connector().findRecent(TEXT, SINCE, Set.of());

        assertThat(outcome).asInstanceOf(type(FindOutcome.Failed.class))
                .extracting(FindOutcome.Failed::reason).asString().contains("401");
        x.verify(0, getRequestedFor(urlPathEqualTo(TIMELINE)));
    }

    @Test
    void findsAReplyBecauseAnAnswerToAnotherPostIsADeliveryToo() {
        stubMe();
        x.stubFor(get(urlPathEqualTo(TIMELINE)).withQueryParam("exclude", equalTo("retweets"))
                .willReturn(okJson(page(null, tweet("1845000000000000001", TEXT)))));
        x.stubFor(get(urlPathEqualTo(TIMELINE)).withQueryParam("exclude", equalTo("retweets,replies"))
                .willReturn(okJson(page(null))));

        assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.Found("1845000000000000001"));
    }

    private XConnector connector() {
        URI base = URI.create(x.baseUrl());
        return new XConnector(new XSettings(base.resolve("/1.1/"), base.resolve("/2/"), CONSUMER_KEY, "xcs-secret-find",
                "1234567890-xat-find", "xats-secret-find", Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Clock.fixed(SINCE.plusSeconds(600), ZoneOffset.UTC));
    }

    private static void stubMe() {
        x.stubFor(get(urlPathEqualTo(ME)).willReturn(okJson(
                "{\"data\":{\"id\":\"" + USER_ID + "\",\"name\":\"江津市\",\"username\":\"gotsu_city\"}}")));
    }

    private static void stubTimeline(ResponseDefinitionBuilder response) {
        x.stubFor(get(urlPathEqualTo(TIMELINE)).willReturn(response));
    }

    private static String tweet(String id, String text) {
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"created_at\":\"2025-10-01T08:01:00.000Z\","
                + "\"edit_history_tweet_ids\":[\"" + id + "\"]}";
    }

    private static String page(String nextToken, String... tweets) {
        return "{\"data\":[" + String.join(",", tweets) + "],\"meta\":{\"result_count\":" + tweets.length
                + ",\"newest_id\":\"1845000000000000009\",\"oldest_id\":\"1845000000000000001\""
                + (nextToken == null ? "" : ",\"next_token\":\"" + nextToken + "\"") + "}}";
    }
}
