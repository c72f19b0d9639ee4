package org.kohogateway.connectors.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.FindOutcome;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** What only Facebook's look-up does; what every look-up does is in {@link FacebookConnectorContractTest}. */
class FacebookFindRecentTest {

    private static final String TOKEN = "EAAGfbPageTokenFind0123456789ZZZ";
    private static final String PAGE_ID = "104955401234567";
    private static final String POSTS = "/v22.0/" + PAGE_ID + "/posts";
    private static final String TEXT = "【江津市】令和7年度 江津市成人式のお知らせ";
    private static final Instant SINCE = Instant.parse("2025-10-01T08:00:00Z");

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void findsThePostByItsMessageAmongThePagesPostsSinceTheGivenTime() {
        stubPosts(okJson(page(null, post("2", "別の投稿", "2025-10-01T08:30:00+0000"), post("1", TEXT, "2025-10-01T08:01:00+0000"))));

        FindOutcome outcome = connector().findRecent(TEXT, SINCE, Set.of());

        assertThat(outcome).isEqualTo(new FindOutcome.Found(PAGE_ID + "_1"));
        graph.verify(1, getRequestedFor(urlPathEqualTo(POSTS))
                .withQueryParam("since", equalTo(Long.toString(SINCE.getEpochSecond())))
                .withQueryParam("fields", equalTo("id,message,created_time"))
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void followsTheCursorToTheNextPage() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).withQueryParam("after", absent())
                .willReturn(okJson(page("QVFIUmFmZA", post("2", "別の投稿", "2025-10-01T09:00:00+0000")))));
        graph.stubFor(get(urlPathEqualTo(POSTS)).withQueryParam("after", equalTo("QVFIUmFmZA"))
                .willReturn(okJson(page(null, post("1", TEXT, "2025-10-01T08:01:00+0000")))));

        assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.Found(PAGE_ID + "_1"));
    }

    @Test
    void answersAmbiguousWithTheCandidatesWhenMoreThanOnePostMatches() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).withQueryParam("after", absent())
                .willReturn(okJson(page("QVFIUmFmZA", post("3", TEXT, "2025-10-01T09:00:00+0000")))));
        graph.stubFor(get(urlPathEqualTo(POSTS)).withQueryParam("after", equalTo("QVFIUmFmZA"))
                .willReturn(okJson(page(null, post("2", "別の投稿", "2025-10-01T08:30:00+0000"),
                        post("1", TEXT, "2025-10-01T08:01:00+0000")))));

        assertThat(connector().findRecent(TEXT, SINCE, Set.of()))
                .isEqualTo(new FindOutcome.Ambiguous(List.of(PAGE_ID + "_3", PAGE_ID + "_1")));
    }

    @Test
    void neverAdoptsAMatchingPostWhoseTimeCannotBeRead() {
        stubPosts(okJson("{\"data\":[{\"id\":\"" + PAGE_ID + "_1\",\"message\":\"" + TEXT + "\"}],\"paging\":{}}"));

        assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isNotInstanceOf(FindOutcome.Found.class);
    }

    @Test
    void failsOnAnAnswerWithoutDataList() {
        stubPosts(okJson("{\"id\":\"" + PAGE_ID + "\"}"));

        assertThat(connector().findRecent(TEXT, SINCE, Set.of())).asInstanceOf(type(FindOutcome.Failed.class))
                .extracting(FindOutcome.Failed::reason).asString().contains("no data");
    }

    private FacebookConnector connector() {
        return new FacebookConnector(new FacebookSettings(URI.create(graph.baseUrl()), PAGE_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static void stubPosts(ResponseDefinitionBuilder response) {
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(response));
    }

    private static String post(String id, String message, String createdTime) {
        return "{\"id\":\"" + PAGE_ID + "_" + id + "\"," + (message == null ? "" : "\"message\":\"" + message + "\",")
                + "\"created_time\":\"" + createdTime + "\"}";
    }

    private static String page(String after, String... posts) {
        String paging = after == null ? "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"QVFIUmVuZA\"}}"
                : "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"" + after + "\"},\"next\":\"https://graph.facebook.com/v22.0/"
                        + PAGE_ID + "/posts?after=" + after + "\"}";
        return "{\"data\":[" + String.join(",", posts) + "],\"paging\":" + paging + "}";
    }
}
