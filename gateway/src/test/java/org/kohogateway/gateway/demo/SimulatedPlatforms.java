package org.kohogateway.gateway.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.InetAddress;
import java.net.URI;
import java.util.UUID;

import org.kohogateway.connectors.graph.GraphClient;
import org.kohogateway.gateway.support.OutboundProperties;
import org.kohogateway.gateway.support.SafeFetch;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * WireMock stubs that answer like the real platform APIs, so the demo and the tests go through the real
 * connectors over HTTP. One server plays every platform; their paths do not overlap:
 * <ul>
 *   <li>LINE ({@link #lineEndpoint()}): broadcast (with the request id header the SDK reads; text and image
 *       messages alike), bot info and quota.</li>
 *   <li>X API v2 ({@link #xV2BaseUrl()}): {@code POST /2/media/upload} (multipart {@code media} and
 *       {@code media_category=tweet_image}; a fresh media id), {@code POST /2/media/metadata} (the alt text echoed),
 *       {@code POST /2/tweets} (201, a fresh numeric id, the text echoed),
 *       {@code DELETE /2/tweets/{id}}, {@code GET /2/users/me} with a profile linking the city homepage. Requests
 *       without an OAuth 1.0a {@code Authorization} header get X's 401.</li>
 *   <li>Facebook Graph ({@link #graphBaseUrl()}, {@code /v22.0}): {@code POST /{page-id}/feed} answers
 *       {@code {"id":"<page-id>_<fresh id>"}} (with or without {@code attached_media}), {@code POST /{page-id}/photos}
 *       (multipart {@code source}) a photo id and, when {@code published=true}, that post id; deleting a
 *       post answers {@code {"success":true}}, and the Page profile (fields {@code name,about,description,website})
 *       shows the homepage and the no-reply statement.</li>
 *   <li>Instagram Graph (same origin): {@code content_publishing_limit} (0 of 100), {@code POST /{ig-user-id}/media}
 *       (a fresh container id, for an image, a carousel item or a {@code CAROUSEL} of 2–10 children), the container status {@code FINISHED}, {@code media_publish} (a fresh media id) and
 *       the profile (fields {@code username,biography,website}).</li>
 *   <li>Bluesky's XRPC ({@code /xrpc/}): a PDS with a memory ({@link SimulatedBluesky}).</li>
 *   <li>The Threads API ({@code /v1.0/}, its own Graph version): containers, publishing and the profile's threads with a
 *       memory ({@link SimulatedThreads}).</li>
 *   <li>YouTube's Data API v3 ({@code /youtube/v3/}, {@code /upload/youtube/v3/}) and Google's token endpoint: a
 *       channel with a memory ({@link SimulatedYouTube}).</li>
 *   <li>JMA's disaster-information XML ({@link #jmaFeed()}): an Atom feed (with an ETag, answering 304 to it) listing
 *       one weather warnings report, a heavy-rain warning issued for Gotsu City (test resources {@code jma/}).</li>
 * </ul>
 * A Graph request without an {@code access_token} gets Graph error 190. Paths and bodies are the ones the
 * connectors' own WireMock tests expect. Ids are random per request (response templating), so tests tell their
 * requests apart by content, never by id order.
 */
public final class SimulatedPlatforms {

    /** The homepage every simulated profile links to, as the guideline (§7-①) asks. */
    public static final String CITY_HOMEPAGE = "https://www.city.gotsu.lg.jp";
    /**
     * The city's web server as tests and the demo reach it: a name on the official domain that their outbound client
     * resolves to this simulator on loopback ({@link #cityPagesOnLoopback}).
     */
    public static final String CITY_PAGES_HOST = "press.city.gotsu.lg.jp";

    /** The pinned Graph API version as it appears in paths, {@code v22.0}. */
    private static final String GRAPH = "/" + GraphClient.API_VERSION.getUrlElement();
    private static final String NODE = "[A-Za-z0-9_.-]+";
    private static final String JSON = "application/json; charset=UTF-8";
    /** Below the default priority (5), above nothing: answers what no regular stub matched on a platform path. */
    private static final int FALLBACK = 9;

    private static SimulatedPlatforms shared;

    private final WireMockServer server;
    private final LineRetryKeys lineRetryKeys = new LineRetryKeys();
    private final SimulatedBluesky bluesky = new SimulatedBluesky();
    private final SimulatedThreads threads = new SimulatedThreads();
    private final SimulatedYouTube youtube = new SimulatedYouTube();

    private SimulatedPlatforms(int port) {
        server = new WireMockServer(options().port(port).containerThreads(64).jettyAcceptors(2)
                .extensions(lineRetryKeys, bluesky, threads, youtube));
        server.start();
        stubAll();
    }

    /** The outbound client of the tests and the demo: {@link #CITY_PAGES_HOST} is this simulator on loopback. */
    public static SafeFetch cityPagesOnLoopback(OutboundProperties properties) {
        return new SafeFetch(properties, host -> host.equalsIgnoreCase(CITY_PAGES_HOST)
                ? new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }) }
                : InetAddress.getAllByName(host));
    }

    /** One simulator per JVM; tests tell their requests apart by the delivery's retry key or the post's text. */
    public static synchronized SimulatedPlatforms shared() {
        if (shared == null) {
            shared = new SimulatedPlatforms(0);
        }
        return shared;
    }

    /** The LINE Messaging API origin ({@code gateway.platforms.line.api-endpoint}). */
    public URI lineEndpoint() {
        return URI.create(server.baseUrl());
    }

    /** The X API v1.1 base ({@code gateway.platforms.x.rest-base-url}); Twitter4J needs one, nothing is sent there. */
    public URI xRestBaseUrl() {
        return URI.create(server.baseUrl() + "/1.1/");
    }

    /** The X API v2 base ({@code gateway.platforms.x.v2-base-url}). */
    public URI xV2BaseUrl() {
        return URI.create(server.baseUrl() + "/2/");
    }

    /** The Graph API origin for Facebook and Instagram ({@code gateway.platforms.facebook/instagram.graph-base-url}). */
    public URI graphBaseUrl() {
        return URI.create(server.baseUrl());
    }

    public WireMockServer server() {
        return server;
    }

    /** LINE broadcasts this simulator received under a delivery's retry key: how often that delivery was sent. */
    public int lineBroadcastsOf(UUID deliveryId) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withHeader("X-Line-Retry-Key", equalTo(deliveryId.toString()))).size();
    }

    /** The simulated Bluesky PDS ({@code gateway.platforms.bluesky.service-url}) and what it holds. */
    public SimulatedBluesky bluesky() {
        return bluesky;
    }

    /** The simulated Threads API ({@code gateway.platforms.threads.base-url}) and what it published. */
    public SimulatedThreads threads() {
        return threads;
    }

    /** The simulated YouTube channel ({@code gateway.platforms.youtube.root-url}) and what it holds. */
    public SimulatedYouTube youtube() {
        return youtube;
    }

    /** What the simulated LINE accepted, per retry key. */
    public LineRetryKeys lineRetryKeys() {
        return lineRetryKeys;
    }

    /** The one LINE user the demo and the tests may push previews to: a staff member's test device. */
    public static final String PREVIEW_RECIPIENT = "U0123456789abcdef0123456789abcdef";

    /**
     * The {@code gateway.platforms.*} properties that point every connector at this simulator, for the demo's
     * system properties and the tests' dynamic properties alike.
     */
    public java.util.Map<String, String> properties() {
        return java.util.Map.ofEntries(
                java.util.Map.entry("gateway.platforms.line.api-endpoint", lineEndpoint().toString()),
                java.util.Map.entry("gateway.platforms.line.preview-recipients", PREVIEW_RECIPIENT),
                java.util.Map.entry("gateway.platforms.x.rest-base-url", xRestBaseUrl().toString()),
                java.util.Map.entry("gateway.platforms.x.v2-base-url", xV2BaseUrl().toString()),
                java.util.Map.entry("gateway.platforms.facebook.graph-base-url", graphBaseUrl().toString()),
                java.util.Map.entry("gateway.platforms.instagram.graph-base-url", graphBaseUrl().toString()),
                java.util.Map.entry("gateway.platforms.bluesky.service-url", server.baseUrl()),
                java.util.Map.entry("gateway.platforms.threads.base-url", server.baseUrl()),
                java.util.Map.entry("gateway.platforms.youtube.root-url", server.baseUrl() + "/"),
                java.util.Map.entry("gateway.platforms.youtube.token-url", server.baseUrl() + SimulatedYouTube.TOKEN),
                // the smallest chunk the protocol takes, so that a demo video goes up in several
                java.util.Map.entry("gateway.platforms.youtube.chunk-size", "262144"),
                // a dropped chunk is resumed at once rather than after a second
                java.util.Map.entry("gateway.platforms.youtube.resume-wait", "10ms"));
    }

    /** A page the city has published, with this title, served here; its address on {@link #CITY_PAGES_HOST}. */
    public URI cityPage(String title) {
        String path = "/press/" + java.util.UUID.randomUUID() + ".html";
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(path).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title
                                + "</title></head><body><h1>" + title + "</h1></body></html>")));
        return URI.create("http://" + CITY_PAGES_HOST + ":" + server.port() + path);
    }

    /** Puts the standard answers back after a test replaced some. */
    public void reset() {
        server.resetAll();
        stubAll();
    }

    private void stubAll() {
        stubLine();
        stubX();
        stubFacebook();
        stubInstagram();
        // Bluesky's XRPC: one stub, the PDS's behaviour in SimulatedBluesky
        server.stubFor(any(urlPathMatching("/xrpc/.*")).willReturn(aResponse().withTransformers(SimulatedBluesky.NAME)));
        // the Threads API: one stub, its behaviour in SimulatedThreads
        server.stubFor(any(urlPathMatching(SimulatedThreads.VERSION.replace(".", "\\.") + "/.*"))
                .willReturn(aResponse().withTransformers(SimulatedThreads.NAME)));
        // YouTube and Google's token endpoint: one stub, the channel's behaviour in SimulatedYouTube
        server.stubFor(any(urlPathMatching("/(upload/)?youtube/v3/.*|" + SimulatedYouTube.TOKEN))
                .willReturn(aResponse().withTransformers(SimulatedYouTube.NAME)));
        stubJma();
    }

    /** The entry id of the simulated JMA's one weather warnings report. */
    private static final String JMA_REPORT = "8f4c1d2e-3b5a-4c6d-9e7f-0a1b2c3d4e5f";
    private static final String JMA_ETAG = "\"" + JMA_REPORT + "\"";

    /** The simulated JMA feed ({@code gateway.weather.feeds} of the demo). */
    public URI jmaFeed() {
        return URI.create(server.baseUrl() + "/jma/feed/extra.xml");
    }

    private void stubJma() {
        String feed = resource("jma/gotsu-feed.xml").replace("{{base}}", server.baseUrl())
                .replace("{{entry}}", JMA_REPORT);
        server.stubFor(get(urlPathEqualTo("/jma/feed/extra.xml")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml; charset=utf-8").withHeader("ETag", JMA_ETAG)
                .withBody(feed)));
        server.stubFor(get(urlPathEqualTo("/jma/feed/extra.xml")).withHeader("If-None-Match", equalTo(JMA_ETAG))
                .atPriority(1).willReturn(aResponse().withStatus(304)));
        server.stubFor(get(urlPathEqualTo("/jma/data/" + JMA_REPORT + ".xml")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml; charset=utf-8")
                .withBody(resource("jma/gotsu-heavy-rain-warning.xml"))));
    }

    private static String resource(String name) {
        try (java.io.InputStream in = SimulatedPlatforms.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void stubLine() {
        server.stubFor(post(urlPathEqualTo("/v2/bot/message/broadcast"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}")
                        .withTransformers(LineRetryKeys.NAME)));
        server.stubFor(post(urlPathEqualTo("/v2/bot/message/push"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sentMessages\":[{\"id\":\"461230966842064897\",\"quoteToken\":\"preview\"}]}")
                        .withTransformers(LineRetryKeys.NAME)));
        server.stubFor(get(urlPathEqualTo("/v2/bot/info"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"userId":"U4af4980629a0a0a0a0a0a0a0a0a0a0a0","basicId":"@gotsu-demo",
                                 "displayName":"江津市（デモ）","chatMode":"bot","markAsReadMode":"auto"}
                                """)));
        server.stubFor(get(urlPathEqualTo("/v2/bot/message/quota"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"limited\",\"value\":15000}")));
        server.stubFor(get(urlPathEqualTo("/v2/bot/message/quota/consumption"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"totalUsage\":0}")));
    }

    private void stubX() {
        var oauth = matching("OAuth .*oauth_signature=.*");
        // X post ids are 64-bit numbers (snowflakes, 19 digits today); the connector parses them as longs.
        server.stubFor(post(urlPathEqualTo("/2/tweets")).withHeader("Authorization", oauth)
                .willReturn(template(201, """
                        {{#assign 'id'}}1{{randomValue length=18 type='NUMERIC'}}{{/assign~}}
                        {"data":{"edit_history_tweet_ids":["{{id}}"],"id":"{{id}}",\
                        "text":{{{toJson (jsonPath request.body '$.text')}}} }}""")));
        // Images go up first: multipart bytes to /2/media/upload, then their alt text as JSON to /2/media/metadata.
        server.stubFor(post(urlPathEqualTo("/2/media/upload")).withHeader("Authorization", oauth)
                .withHeader("Content-Type", matching("multipart/form-data; boundary=.+"))
                .withMultipartRequestBody(aMultipart("media"))
                .withMultipartRequestBody(aMultipart("media_category").withBody(equalTo("tweet_image")))
                .willReturn(template(200, """
                        {{#assign 'id'}}1{{randomValue length=18 type='NUMERIC'}}{{/assign~}}
                        {"data":{"id":"{{id}}","media_key":"3_{{id}}",\
                        "expires_after_secs":86400,"image":{"image_type":"image/jpeg","w":1080,"h":1350}}}""")));
        server.stubFor(post(urlPathEqualTo("/2/media/metadata")).withHeader("Authorization", oauth)
                .withRequestBody(matchingJsonPath("$.id", matching("[0-9]{1,19}")))
                .withRequestBody(matchingJsonPath("$.metadata.alt_text.text"))
                .willReturn(template(200, """
                        {"data":{"id":{{{toJson (jsonPath request.body '$.id')}}},"associated_metadata":\
                        {"alt_text":{"text":{{{toJson (jsonPath request.body '$.metadata.alt_text.text')}}} }}}}""")));
        server.stubFor(delete(urlPathMatching("/2/tweets/[0-9]+")).withHeader("Authorization", oauth)
                .willReturn(json(200, "{\"data\":{\"deleted\":true}}")));
        server.stubFor(get(urlPathEqualTo("/2/users/me")).withHeader("Authorization", oauth)
                .willReturn(json(200, """
                        {"data":{"id":"2244994945","name":"江津市（デモ）","username":"gotsu_city_demo",
                         "description":"島根県江津市の公式アカウントです。このアカウントでは返信・リプライには対応していません。",
                         "url":"https://t.co/Kx7fQ2mPzL",
                         "entities":{"url":{"urls":[{"start":0,"end":23,"url":"https://t.co/Kx7fQ2mPzL",
                           "expanded_url":"%s","display_url":"city.gotsu.lg.jp"}]},
                          "description":{"mentions":[]}}}}
                        """.formatted(CITY_HOMEPAGE))));
        server.stubFor(any(urlPathMatching("/2/.*")).atPriority(FALLBACK)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                                + "\"detail\":\"Unauthorized\"}")));
    }

    private void stubFacebook() {
        server.stubFor(post(urlPathMatching(GRAPH + "/[0-9]+/feed")).withFormParam("access_token", matching(".+"))
                .willReturn(template(200, "{\"id\":\"{{request.pathSegments.[1]}}_1{{randomValue length=17 type='NUMERIC'}}\"}")));
        // A photo is a multipart upload (the token a part of it): published, it is a post; unpublished, only a photo id
        // that a feed post attaches.
        server.stubFor(post(urlPathMatching(GRAPH + "/[0-9]+/photos"))
                .withMultipartRequestBody(aMultipart("access_token").withBody(matching(".+")))
                .withMultipartRequestBody(aMultipart("source"))
                .withMultipartRequestBody(aMultipart("published").withBody(equalTo("true")))
                .willReturn(template(200, "{\"id\":\"1{{randomValue length=14 type='NUMERIC'}}\","
                        + "\"post_id\":\"{{request.pathSegments.[1]}}_1{{randomValue length=17 type='NUMERIC'}}\"}")));
        server.stubFor(post(urlPathMatching(GRAPH + "/[0-9]+/photos"))
                .withMultipartRequestBody(aMultipart("access_token").withBody(matching(".+")))
                .withMultipartRequestBody(aMultipart("source"))
                .withMultipartRequestBody(aMultipart("published").withBody(equalTo("false")))
                .willReturn(template(200, "{\"id\":\"1{{randomValue length=14 type='NUMERIC'}}\"}")));
        server.stubFor(delete(urlPathMatching(GRAPH + "/[0-9]+_[0-9]+"))
                .willReturn(json(200, "{\"success\":true}")));
        server.stubFor(get(urlPathMatching(GRAPH + "/" + NODE)).withQueryParam("access_token", matching(".+"))
                .withQueryParam("fields", equalTo("name,about,description,website"))
                .willReturn(template(200, """
                        {"name":"江津市（デモ）",
                         "about":"島根県江津市の公式Facebookページです。コメントやメッセージへの返信は行いません。",
                         "description":"市政情報、観光・イベント、防災情報をお届けします。",
                         "website":"%s","id":"{{request.pathSegments.[1]}}"}
                        """.formatted(CITY_HOMEPAGE))));
        server.stubFor(any(urlPathMatching(GRAPH + "/.*")).atPriority(FALLBACK)
                .withQueryParam("access_token", absent())
                .withFormParam("access_token", absent())
                .willReturn(graphError(400, 190, "OAuthException", "An active access token must be used to query "
                        + "information about the current user.")));
    }

    private void stubInstagram() {
        String user = GRAPH + "/[0-9]+";
        server.stubFor(get(urlPathMatching(user + "/content_publishing_limit")).withQueryParam("access_token", matching(".+"))
                .willReturn(json(200, "{\"data\":[{\"quota_usage\":0,\"config\":{\"quota_total\":100,\"quota_duration\":86400}}]}")));
        server.stubFor(post(urlPathMatching(user + "/media")).withFormParam("access_token", matching(".+"))
                .withFormParam("image_url", matching("https?://.+"))
                .willReturn(template(200, "{\"id\":\"1788{{randomValue length=13 type='NUMERIC'}}\"}")));
        server.stubFor(post(urlPathMatching(user + "/media")).withFormParam("access_token", matching(".+"))
                .withFormParam("media_type", equalTo("CAROUSEL"))
                .withFormParam("children", matching("[0-9]+(,[0-9]+){1,9}"))
                .willReturn(template(200, "{\"id\":\"1788{{randomValue length=13 type='NUMERIC'}}\"}")));
        server.stubFor(get(urlPathMatching(GRAPH + "/" + NODE)).withQueryParam("access_token", matching(".+"))
                .withQueryParam("fields", equalTo("status_code,status"))
                .willReturn(template(200, "{\"status_code\":\"FINISHED\",\"status\":\"Finished: Media has been uploaded "
                        + "and it is ready to be published.\",\"id\":\"{{request.pathSegments.[1]}}\"}")));
        server.stubFor(post(urlPathMatching(user + "/media_publish")).withFormParam("access_token", matching(".+"))
                .withFormParam("creation_id", matching("[0-9]+"))
                .willReturn(template(200, "{\"id\":\"1792{{randomValue length=13 type='NUMERIC'}}\"}")));
        server.stubFor(get(urlPathMatching(GRAPH + "/" + NODE)).withQueryParam("access_token", matching(".+"))
                .withQueryParam("fields", equalTo("username,biography,website"))
                .willReturn(template(200, """
                        {"username":"gotsu_city_demo",
                         "biography":"島根県江津市の公式Instagramです。コメントへの返信は行いません。",
                         "website":"%s","id":"{{request.pathSegments.[1]}}"}
                        """.formatted(CITY_HOMEPAGE))));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
    }

    private static ResponseDefinitionBuilder template(int status, String body) {
        return json(status, body).withTransformers("response-template");
    }

    private static ResponseDefinitionBuilder graphError(int status, int code, String type, String message) {
        return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
                + ",\"fbtrace_id\":\"AbCdEfGhIjK\"}}");
    }
}
