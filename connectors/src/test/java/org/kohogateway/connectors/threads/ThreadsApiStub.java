package org.kohogateway.connectors.threads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import org.kohogateway.connectors.PlatformConnectorContract.RecentPost;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The Threads API on {@code graph.threads.net}, as WireMock plays it, written from Meta's reference (Posts, Publishing,
 * Troubleshooting, Threads Profiles, Retrieve User Posts, Delete Posts, Overview → publishing limit). Each endpoint
 * answers only a request that carries the access token and the parameters the reference requires; anything else gets
 * the Graph API's {@code (#100)} error, so a request the real API would refuse fails here too.
 *
 * <ul>
 *   <li>{@code GET /v1.0/{user}/threads_publishing_limit?fields=quota_usage,config}: {@code 0 of 250 per 86400 s};</li>
 *   <li>{@code POST /v1.0/{user}/threads}: {@code TEXT} with {@code text}, {@code IMAGE} with an http(s)
 *       {@code image_url}, or {@code CAROUSEL} with 2–20 {@code children}, answers {@link #CONTAINER_ID}; an
 *       {@code IMAGE} with {@code is_carousel_item=true} answers the next child id ({@link #childId});</li>
 *   <li>{@code GET /v1.0/{container}?fields=status,error_message}: {@code FINISHED};</li>
 *   <li>{@code POST /v1.0/{user}/threads_publish} with {@code creation_id} = {@link #CONTAINER_ID}: {@link #MEDIA_ID};</li>
 *   <li>{@code GET /v1.0/{user}?fields=username,name,threads_biography}: the city's profile;</li>
 *   <li>{@code DELETE /v1.0/{MEDIA_ID}}: {@code {"success":true,"deleted_id":…}}.</li>
 * </ul>
 */
final class ThreadsApiStub {

    static final String TOKEN = "THAAGthreadsUserToken1234567890abcdefZZ";
    static final String USER_ID = "25814713414831520";
    static final String CONTAINER_ID = "17889615691921648";
    static final String MEDIA_ID = "18039430466618413";
    static final String USER = "/v1.0/" + USER_ID;
    static final String THREADS = USER + "/threads";
    static final String LIMIT = USER + "/threads_publishing_limit";
    static final String PUBLISH = USER + "/threads_publish";
    static final String CONTAINER = "/v1.0/" + CONTAINER_ID;
    static final String BIOGRAPHY = "島根県江津市の公式Threadsです。返信は行いません。https://www.city.gotsu.lg.jp";

    /** How the Threads API writes {@code timestamp}, as the Graph API does. */
    private static final DateTimeFormatter THREADS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);
    private static final long CHILD_ID_BASE = 17889615691921700L;

    private final WireMockExtension api;

    ThreadsApiStub(WireMockExtension api) {
        this.api = api;
    }

    /** The id Threads gives the {@code position}th carousel item (from 1). */
    static String childId(int position) {
        return Long.toString(CHILD_ID_BASE + position);
    }

    /** Every endpoint as on a good day. */
    void stubAll() {
        api.stubFor(any(anyUrl()).atPriority(10).willReturn(graphError(400, 100, -1, "THApiException",
                "Unsupported request - method type: or invalid parameters")));
        stubQuota(0, 250);
        api.stubFor(post(urlPathEqualTo(THREADS)).withFormParam("access_token", equalTo(TOKEN))
                .withFormParam("media_type", equalTo("TEXT")).withFormParam("text", matching("(?s).*\\S.*"))
                .willReturn(okJson(id(CONTAINER_ID))));
        api.stubFor(post(urlPathEqualTo(THREADS)).withFormParam("access_token", equalTo(TOKEN))
                .withFormParam("media_type", equalTo("IMAGE")).withFormParam("image_url", matching("https?://.+"))
                .willReturn(okJson(id(CONTAINER_ID))));
        for (int i = 1; i <= ThreadsConnector.MAX_IMAGES; i++) {
            api.stubFor(post(urlPathEqualTo(THREADS)).atPriority(3).withFormParam("access_token", equalTo(TOKEN))
                    .withFormParam("media_type", equalTo("IMAGE")).withFormParam("image_url", matching("https?://.+"))
                    .withFormParam("is_carousel_item", equalTo("true"))
                    .inScenario("carousel items").whenScenarioStateIs(i == 1 ? Scenario.STARTED : "item " + (i - 1))
                    .willSetStateTo("item " + i).willReturn(okJson(id(childId(i)))));
        }
        api.stubFor(post(urlPathEqualTo(THREADS)).withFormParam("access_token", equalTo(TOKEN))
                .withFormParam("media_type", equalTo("CAROUSEL")).withFormParam("children", matching("\\d+(,\\d+){1,19}"))
                .willReturn(okJson(id(CONTAINER_ID))));
        stubContainerStatus(okJson("{\"status\":\"FINISHED\",\"id\":\"" + CONTAINER_ID + "\"}"));
        stubPublish(okJson(id(MEDIA_ID)));
        api.stubFor(get(urlPathEqualTo(USER)).withQueryParam("fields", equalTo("username,name,threads_biography"))
                .withQueryParam("access_token", equalTo(TOKEN)).willReturn(okJson("{\"username\":\"gotsu_city\","
                        + "\"name\":\"江津市\",\"threads_biography\":\"" + BIOGRAPHY + "\",\"id\":\"" + USER_ID + "\"}")));
        api.stubFor(delete(urlPathEqualTo("/v1.0/" + MEDIA_ID)).withQueryParam("access_token", equalTo(TOKEN))
                .willReturn(okJson("{\"success\":true,\"deleted_id\":\"" + MEDIA_ID + "\"}")));
    }

    void stubQuota(int used, int total) {
        api.stubFor(get(urlPathEqualTo(LIMIT)).withQueryParam("fields", equalTo("quota_usage,config"))
                .withQueryParam("access_token", equalTo(TOKEN)).willReturn(okJson("{\"data\":[{\"quota_usage\":" + used
                        + ",\"config\":{\"quota_total\":" + total + ",\"quota_duration\":86400}}]}")));
    }

    void stubQuotaAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(get(urlPathEqualTo(LIMIT)).atPriority(1).willReturn(answer));
    }

    /** Every container creation answers {@code answer}. */
    void stubContainersAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(post(urlPathEqualTo(THREADS)).atPriority(1).willReturn(answer));
    }

    void stubContainerStatus(ResponseDefinitionBuilder answer) {
        api.stubFor(get(urlPathEqualTo(CONTAINER)).withQueryParam("fields", equalTo("status,error_message"))
                .withQueryParam("access_token", equalTo(TOKEN)).willReturn(answer));
    }

    void stubPublish(ResponseDefinitionBuilder answer) {
        api.stubFor(post(urlPathEqualTo(PUBLISH)).withFormParam("access_token", equalTo(TOKEN))
                .withFormParam("creation_id", equalTo(CONTAINER_ID)).willReturn(answer));
    }

    /** The profile's threads, newest first, as one complete page. */
    void stubRecentThreads(List<RecentPost> newestFirst) {
        stubRecentThreadsAnswering(okJson(page(null, newestFirst)));
    }

    void stubRecentThreadsAnswering(ResponseDefinitionBuilder answer) {
        api.stubFor(get(urlPathEqualTo(THREADS)).withQueryParam("fields", equalTo("id,text,timestamp"))
                .withQueryParam("access_token", equalTo(TOKEN)).willReturn(answer));
    }

    /** A page of threads; with {@code after}, one that says another page follows. */
    static String page(String after, List<RecentPost> threads) {
        String data = threads.stream().map(post -> "{\"id\":\"" + post.id() + "\",\"text\":\""
                + post.text().replace("\n", "\\n") + "\",\"timestamp\":\"" + time(post.postedAt()) + "\"}")
                .collect(Collectors.joining(","));
        String paging = after == null ? "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"QVFIUmVuZA\"}}"
                : "{\"cursors\":{\"before\":\"QVFIUmJlZm9yZQ\",\"after\":\"" + after + "\"},\"next\":"
                        + "\"https://graph.threads.net/v1.0/" + USER_ID + "/threads?after=" + after + "\"}";
        return "{\"data\":[" + data + "],\"paging\":" + paging + "}";
    }

    static String time(Instant instant) {
        return THREADS_TIME.format(instant);
    }

    /** The Graph API error body the Threads API answers with. */
    static ResponseDefinitionBuilder graphError(int status, int code, int subcode, String errorType, String message) {
        String subcodeField = subcode < 0 ? "" : ",\"error_subcode\":" + subcode;
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + errorType + "\",\"code\":" + code
                        + subcodeField + ",\"fbtrace_id\":\"AvCx3Threads\"}}");
    }

    private static String id(String id) {
        return "{\"id\":\"" + id + "\"}";
    }
}
