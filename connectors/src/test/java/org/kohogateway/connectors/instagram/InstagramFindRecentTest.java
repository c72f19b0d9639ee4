package org.kohogateway.connectors.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

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

/** What only Instagram's look-up does; what every look-up does is in {@link InstagramConnectorContractTest}. */
class InstagramFindRecentTest {

    private static final String TOKEN = "EAAGigUserTokenFind9876543210QQQ";
    private static final String IG_USER_ID = "17841400123456789";
    private static final String MEDIA = "/v22.0/" + IG_USER_ID + "/media";
    private static final String TEXT = "江の川の夕景。#江津市 #島根";
    private static final Instant SINCE = Instant.parse("2025-10-01T08:00:00Z");

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void findsTheMediaByItsCaption() {
        stubMedia(okJson(page(null, media("17920238422030507", "別の投稿", "2025-10-01T09:00:00+0000"),
                media("17920238422030506", TEXT + "\\nhttps://www.city.gotsu.lg.jp/", "2025-10-01T08:01:00+0000"))));

        FindOutcome outcome = connector().findRecent(TEXT, SINCE, Set.of());

        assertThat(outcome).isEqualTo(new FindOutcome.Found("17920238422030506"));
        graph.verify(1, getRequestedFor(urlPathEqualTo(MEDIA))
                .withQueryParam("fields", equalTo("id,caption,timestamp"))
                .withQueryParam("access_token", equalTo(TOKEN)));
    }

    @Test
    void stopsAtTheFirstMediaOlderThanTheGivenTime() {
        graph.stubFor(get(urlPathEqualTo(MEDIA)).withQueryParam("after", absent())
                .willReturn(okJson(page("QVFIUmFmZA", media("2", "別の投稿", "2025-10-01T09:00:00+0000"),
                        media("1", TEXT, "2025-09-30T08:00:00+0000")))));

        FindOutcome outcome = connector().findRecent(TEXT, SINCE, Set.of());

        assertThat(outcome).isEqualTo(new FindOutcome.NotFound());
        graph.verify(1, getRequestedFor(urlPathEqualTo(MEDIA)));
    }

    @Test
    void followsTheCursorWhileTheMediaAreRecent() {
        graph.stubFor(get(urlPathEqualTo(MEDIA)).withQueryParam("after", absent())
                .willReturn(okJson(page("QVFIUmFmZA", media("2", "別の投稿", "2025-10-01T09:00:00+0000")))));
        graph.stubFor(get(urlPathEqualTo(MEDIA)).withQueryParam("after", equalTo("QVFIUmFmZA"))
                .willReturn(okJson(page(null, media("1", TEXT, "2025-10-01T08:01:00+0000")))));

        assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.Found("1"));
    }

    @Test
    void answersAmbiguousRatherThanAdoptOneOfTwoMatchingMedia() {
        stubMedia(okJson(page(null, media("3", TEXT, "2025-10-01T09:00:00+0000"), media("2", TEXT, "2025-10-01T08:30:00+0000"),
                media("1", TEXT, "2025-09-30T08:00:00+0000"))));

        assertThat(connector().findRecent(TEXT, SINCE, Set.of())).isEqualTo(new FindOutcome.Ambiguous(List.of("3", "2")));
        assertThat(connector().findRecent(TEXT, SINCE, Set.of("3"))).isEqualTo(new FindOutcome.Found("2"));
    }

    private InstagramConnector connector() {
        return new InstagramConnector(new InstagramSettings(URI.create(graph.baseUrl()), IG_USER_ID, TOKEN,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ZERO, 3));
    }

    private static void stubMedia(ResponseDefinitionBuilder response) {
        graph.stubFor(get(urlPathEqualTo(MEDIA)).willReturn(response));
    }

    private static String media(String id, String caption, String timestamp) {
        return "{\"id\":\"" + id + "\",\"caption\":\"" + caption + "\",\"timestamp\":\"" + timestamp + "\"}";
    }

    private static String page(String after, String... media) {
        String paging = after == null ? "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"QVFIUmVuZA\"}}"
                : "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"" + after + "\"},\"next\":\"https://graph.facebook.com/v22.0/"
                        + IG_USER_ID + "/media?after=" + after + "\"}";
        return "{\"data\":[" + String.join(",", media) + "],\"paging\":" + paging + "}";
    }
}
