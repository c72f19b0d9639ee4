package org.kohogateway.gateway.dispatch.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.graph.GraphClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WireMock server that plays LINE, X v2, Facebook Graph, Instagram Graph, a Bluesky PDS ({@link ChaosBluesky}) and
 * the Threads API for the chaos test, answering as the real APIs do (paths, bodies, ids the connectors parse), keeping
 * what it created in a {@link PlatformLedger} and injecting {@link Fault}s into the requests that create something
 * (LINE broadcast, X {@code POST /2/tweets}, Facebook {@code POST /{page}/feed}, Instagram {@code POST /{ig}/media} and
 * {@code media_publish}, Bluesky {@code com.atproto.repo.applyWrites}, Threads {@code POST /{user}/threads} and
 * {@code threads_publish}).
 *
 * <p>A single catch-all stub hands every request to this transformer, which is the platform: stateful answers (a
 * timeline holding the posts just created, LINE refusing a repeated retry key with 409) do not fit static stubs.
 * Answers that "come too late" are delayed asynchronously, so they hold no server thread. Over 350 lines: six APIs in
 * one server, so that one ledger sees every request in one order; Bluesky's, the one not HTTP-and-Graph, is its own
 * class.
 */
public final class ChaosPlatforms implements ResponseDefinitionTransformerV2 {

    private static final String GRAPH = "/" + GraphClient.API_VERSION.getUrlElement();
    private static final Pattern OAUTH_TOKEN = Pattern.compile("oauth_token=\"([^\"]+)\"");
    private static final Pattern X_TIMELINE = Pattern.compile("/2/users/([0-9]+)/tweets");
    private static final Pattern GRAPH_PATH = Pattern.compile(Pattern.quote(GRAPH) + "/([A-Za-z0-9_.-]+)(?:/([a-z_]+))?");
    private static final Pattern THREADS_PATH = Pattern.compile(
            Pattern.quote("/" + GraphClient.THREADS_API_VERSION.getUrlElement()) + "/([A-Za-z0-9_.-]+)(?:/([a-z_]+))?");
    /** Instagram's and Threads' container flows: the same requests under other names. */
    private static final MetaEdges INSTAGRAM = new MetaEdges(Platform.INSTAGRAM, "media", "media_publish",
            "content_publishing_limit", "caption", "status_code", 9007, "Media ID is not available", 100_000);
    private static final MetaEdges THREADS = new MetaEdges(Platform.THREADS, "threads", "threads_publish",
            "threads_publishing_limit", "text", "status", 100, "Unsupported request: the object does not exist", 250);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WireMockServer server;
    private final PlatformLedger ledger = new PlatformLedger();
    private final long seed;
    private final double faultRate;
    private final Duration slowAnswer;
    private final PlatformAnswers answers;
    private final ChaosBluesky bluesky;

    /**
     * @param faultRate  share of creating requests that get a fault
     * @param slowAnswer how late a {@link Fault#SLOW_ANSWER} comes; longer than the connectors' read timeout
     */
    public ChaosPlatforms(long seed, double faultRate, Duration slowAnswer) {
        this.seed = seed;
        this.faultRate = faultRate;
        this.slowAnswer = slowAnswer;
        this.answers = new PlatformAnswers(ledger);
        this.bluesky = new ChaosBluesky(this, ledger);
        server = new WireMockServer(options().dynamicPort().containerThreads(96).jettyAcceptors(2)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8)
                .disableRequestJournal().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    public PlatformLedger ledger() {
        return ledger;
    }

    public void stop() {
        server.stop();
    }

    /** The {@code gateway.platforms.*} properties that point every connector here. */
    public Map<String, String> properties(Duration readTimeout) {
        String base = server.baseUrl();
        Map<String, String> properties = new HashMap<>();
        properties.put("gateway.platforms.line.api-endpoint", base);
        properties.put("gateway.platforms.x.rest-base-url", base + "/1.1/");
        properties.put("gateway.platforms.x.v2-base-url", base + "/2/");
        properties.put("gateway.platforms.facebook.graph-base-url", base);
        properties.put("gateway.platforms.instagram.graph-base-url", base);
        properties.put("gateway.platforms.bluesky.service-url", base);
        properties.put("gateway.platforms.threads.base-url", base);
        for (String platform : new String[] { "line", "x", "facebook", "instagram", "bluesky", "threads" }) {
            properties.put("gateway.platforms." + platform + ".read-timeout", readTimeout.toMillis() + "ms");
            properties.put("gateway.platforms." + platform + ".connect-timeout", "1s");
        }
        properties.put("gateway.platforms.instagram.poll-interval", "50ms");
        properties.put("gateway.platforms.instagram.max-status-checks", "3");
        properties.put("gateway.platforms.threads.poll-interval", "50ms");
        properties.put("gateway.platforms.threads.max-status-checks", "3");
        return properties;
    }

    @Override
    public String getName() {
        return "chaos-platforms";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        Map<String, String> query = form(uri.getRawQuery());
        String method = request.getMethod().getName();
        try {
            if (path.startsWith("/v2/bot/")) {
                return line(request, method, path);
            }
            if (path.startsWith("/2/")) {
                return x(request, method, path, query);
            }
            if (path.startsWith("/xrpc/")) {
                return bluesky.answer(request, method, path.substring("/xrpc/".length()), query);
            }
            Matcher graph = GRAPH_PATH.matcher(path);
            if (graph.matches()) {
                return graph(request, method, graph.group(1), graph.group(2), query, false);
            }
            Matcher threads = THREADS_PATH.matcher(path);
            if (threads.matches()) {
                return graph(request, method, threads.group(1), threads.group(2), query, true);
            }
        } catch (RuntimeException e) {
            return aResponse().withStatus(400).withBody("chaos platform could not read the request: " + e).build();
        }
        return aResponse().withStatus(404).withBody("not a platform path: " + path).build();
    }

    private ResponseDefinition line(Request request, String method, String path) {
        String auth = request.getHeader("Authorization");
        String account = auth == null ? "?" : auth.replaceFirst("^Bearer ", "");
        if (!(method.equals("POST") && path.equals("/v2/bot/message/broadcast"))) {
            ledger.request(Platform.LINE, account, method, path, Fault.NONE);
            return answers.lineRead(path);
        }
        JsonNode body = JSON.readTree(request.getBodyAsString());
        String text = body.path("messages").path(0).path("text").asString("");
        Fault fault = fault(Platform.LINE, account, text);
        ledger.request(Platform.LINE, account, method, path, fault, text);
        if (fault == Fault.RESET_BEFORE || fault == Fault.RATE_LIMITED) {
            return failure(Platform.LINE, fault);
        }
        String key = request.getHeader("X-Line-Retry-Key");
        String requestId = UUID.randomUUID().toString();
        String accepted = key == null || key.isBlank() ? null : ledger.acceptLineKey(key, requestId);
        if (accepted == null) {
            ledger.create(Platform.LINE, account, text, requestId);
        }
        if (fault != Fault.NONE) {
            return failure(Platform.LINE, fault, answers.lineBroadcast(requestId, accepted));
        }
        return answers.lineBroadcast(requestId, accepted).build();
    }

    private ResponseDefinition x(Request request, String method, String path, Map<String, String> query) {
        String auth = request.getHeader("Authorization");
        Matcher token = OAUTH_TOKEN.matcher(auth == null ? "" : auth);
        if (!token.find()) {
            ledger.request(Platform.X, "?", method, path, Fault.NONE);
            return PlatformAnswers.json(401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                    + "\"detail\":\"Unauthorized\"}").build();
        }
        String account = URLDecoder.decode(token.group(1), StandardCharsets.UTF_8);
        if (method.equals("POST") && path.equals("/2/tweets")) {
            String text = JSON.readTree(request.getBodyAsString()).path("text").asString("");
            Fault fault = fault(Platform.X, account, text);
            ledger.request(Platform.X, account, method, path, fault, text);
            if (fault == Fault.RESET_BEFORE || fault == Fault.RATE_LIMITED) {
                return failure(Platform.X, fault);
            }
            String id = "1" + ledger.newId();
            ledger.create(Platform.X, account, text, id);
            ResponseDefinitionBuilder created = answers.xCreated(id, text);
            return fault == Fault.NONE ? created.build() : failure(Platform.X, fault, created);
        }
        ledger.request(Platform.X, account, method, path, Fault.NONE);
        if (method.equals("GET") && path.equals("/2/users/me")) {
            return answers.xMe(ledger.xUserId(account));
        }
        Matcher timeline = X_TIMELINE.matcher(path);
        if (method.equals("GET") && timeline.matches()) {
            String owner = ledger.xTokenOf(timeline.group(1));
            return owner == null ? PlatformAnswers.json(404, "{\"title\":\"Not Found Error\",\"status\":404}").build()
                    : answers.xTimeline(owner, query);
        }
        return PlatformAnswers.json(404, "{\"title\":\"Not Found Error\",\"status\":404}").build();
    }

    /** @param threads whether on the Threads API ({@code /v1.0}) rather than Facebook's Graph API */
    private ResponseDefinition graph(Request request, String method, String node, String edge, Map<String, String> query,
            boolean threads) {
        Map<String, String> form = method.equals("POST") ? form(request.getBodyAsString()) : query;
        if (form.getOrDefault("access_token", query.getOrDefault("access_token", "")).isBlank()) {
            return PlatformAnswers.graphError(400, 190, "An active access token must be used").build();
        }
        if (threads) {
            return meta(THREADS, method, node, edge, form, query);
        }
        if ("feed".equals(edge) || "posts".equals(edge)) {
            if (method.equals("GET")) {
                ledger.request(Platform.FACEBOOK, node, method, edge, Fault.NONE);
                return answers.facebookPosts(node, query);
            }
            String text = form.getOrDefault("message", "");
            Fault fault = fault(Platform.FACEBOOK, node, text);
            ledger.request(Platform.FACEBOOK, node, method, edge, fault, text);
            if (fault == Fault.RESET_BEFORE || fault == Fault.RATE_LIMITED) {
                return failure(Platform.FACEBOOK, fault);
            }
            String id = node + "_1" + ledger.newId();
            ledger.create(Platform.FACEBOOK, node, text, id);
            ResponseDefinitionBuilder created = PlatformAnswers.json(200, "{\"id\":\"" + id + "\"}");
            return fault == Fault.NONE ? created.build() : failure(Platform.FACEBOOK, fault, created);
        }
        return meta(INSTAGRAM, method, node, edge, form, query);
    }

    /**
     * The names one of Meta's container flows gives its parts, and its answers that differ.
     *
     * @param text         the post's text field ({@code caption}, {@code text})
     * @param status       the container's state field ({@code status_code}, {@code status})
     * @param missingCode  the Graph error code of a publish naming no container that can be published
     * @param quotaTotal   the posts its publishing limit allows in 24 hours
     */
    private record MetaEdges(Platform platform, String container, String publish, String limit, String text,
            String status, int missingCode, String missing, int quotaTotal) {
    }

    /**
     * Instagram's or Threads' container flow: a container GET by its id, the publishing limit, the profile's posts
     * newest first (the edge named as the container one) and the two creating requests.
     */
    private ResponseDefinition meta(MetaEdges edges, String method, String node, String edge, Map<String, String> form,
            Map<String, String> query) {
        Platform platform = edges.platform();
        if (edge == null) {
            PlatformLedger.Container container = ledger.container(node);
            ledger.request(platform, container == null ? node : container.account(), method, "container", Fault.NONE);
            return PlatformAnswers.json(200, "{\"" + edges.status() + "\":\"" + (container == null ? "PUBLISHED" : "FINISHED")
                    + "\",\"id\":\"" + node + "\"}").build();
        }
        if (method.equals("GET")) {
            ledger.request(platform, node, method, edge, Fault.NONE);
            if (edge.equals(edges.limit())) {
                long used = ledger.postsOf(platform, node, Instant.now().minus(Duration.ofDays(1))).size();
                return PlatformAnswers.json(200, "{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":"
                        + edges.quotaTotal() + ",\"quota_duration\":86400}}]}").build();
            }
            return edge.equals(edges.container()) ? answers.containerFlowPosts(platform, node, edges.text(), query)
                    : PlatformAnswers.graphError(400, 100, "Unsupported get request").build();
        }
        if (edge.equals(edges.container())) {
            String text = form.getOrDefault(edges.text(), "");
            // a container is nothing public: its faults only test that the gateway retries it
            Fault fault = fault(platform, node, "container:" + text);
            ledger.request(platform, node, method, edge, fault, "container:" + text);
            if (fault == Fault.RESET_BEFORE || fault == Fault.RATE_LIMITED) {
                return failure(platform, fault);
            }
            ResponseDefinitionBuilder created = PlatformAnswers.json(200, "{\"id\":\""
                    + ledger.container(platform, node, text) + "\"}");
            return fault == Fault.NONE ? created.build() : failure(platform, fault, created);
        }
        if (edge.equals(edges.publish())) {
            String creation = form.getOrDefault("creation_id", "");
            PlatformLedger.Container container = ledger.container(creation);
            String text = container == null ? "" : container.caption();
            Fault fault = container == null ? Fault.NONE : fault(platform, node, text);
            ledger.request(platform, node, method, edge, fault, text);
            if (fault == Fault.RESET_BEFORE || fault == Fault.RATE_LIMITED) {
                return failure(platform, fault);
            }
            container = ledger.takeContainer(creation);
            if (container == null || container.platform() != platform || !container.account().equals(node)) {
                return PlatformAnswers.graphError(400, edges.missingCode(), edges.missing()).build();
            }
            String id = "1792" + ledger.newId();
            ledger.create(platform, node, container.caption(), id);
            ResponseDefinitionBuilder created = PlatformAnswers.json(200, "{\"id\":\"" + id + "\"}");
            return fault == Fault.NONE ? created.build() : failure(platform, fault, created);
        }
        ledger.request(platform, node, method, edge, Fault.NONE);
        return PlatformAnswers.graphError(400, 100, "Unsupported post request").build();
    }

    Fault fault(Platform platform, String account, String text) {
        return Fault.choose(seed, platform + text, ledger.nextAttempt(platform, account, text), faultRate);
    }

    /** A fault that happens before anything is created. */
    ResponseDefinition failure(Platform platform, Fault fault) {
        return switch (fault) {
            case RESET_BEFORE -> reset();
            case RATE_LIMITED -> PlatformAnswers.rateLimited(platform).build();
            default -> throw new IllegalArgumentException(fault + " creates");
        };
    }

    /** A fault that happens after the post was created; {@code answer} is what would have been said. */
    ResponseDefinition failure(Platform platform, Fault fault, ResponseDefinitionBuilder answer) {
        return switch (fault) {
            case ERROR_AFTER_CREATE -> PlatformAnswers.serverError(platform).build();
            case RESET_AFTER -> reset();
            case SLOW_ANSWER -> answer.withFixedDelay((int) slowAnswer.toMillis()).build();
            default -> throw new IllegalArgumentException(fault + " creates nothing");
        };
    }

    private static ResponseDefinition reset() {
        return aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
    }

    static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isBlank()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
