package org.kohogateway.gateway.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.graph.GraphClient;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Threads API ({@code graph.threads.net}, {@code /v1.0}) with a memory, as Meta's reference describes it and as the
 * connectors' own {@code ThreadsApiStub} plays it, for the demo and the tests: containers made by
 * {@code POST /{user}/threads} ({@code TEXT} with {@code text}, {@code IMAGE} with an http(s) {@code image_url},
 * {@code CAROUSEL} of 2–20 carousel items of the same profile; {@code reply_control} one of Threads' five values), their
 * status {@code FINISHED}, {@code threads_publish} (a container once), the profile's threads newest first for
 * reconciliation, {@code threads_publishing_limit} counting what was published (of 250), the profile
 * ({@code username,name,threads_biography}: no link field, so the homepage is in the biography) and deletion. Every
 * error is a Graph API error body; a request without an access token is error 190.
 */
public final class SimulatedThreads implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "threads-api";
    /** The pinned Threads API version as it appears in paths, {@code v1.0}. */
    public static final String VERSION = "/" + GraphClient.THREADS_API_VERSION.getUrlElement();
    public static final String BIOGRAPHY = "島根県江津市の公式Threadsです。このアカウントでは返信・リプライには対応していません。"
            + SimulatedPlatforms.CITY_HOMEPAGE;

    private static final Set<String> REPLY_CONTROLS = Set.of("everyone", "accounts_you_follow", "mentioned_only",
            "parent_post_author_only", "followers_only");
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicLong ids = new AtomicLong(17_889_615_691_921_648L);
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    /** Published threads per profile, oldest first. */
    private final Map<String, List<Thread>> threads = new ConcurrentHashMap<>();

    /** A container as made, before or after it was published. */
    private record Container(String userId, String mediaType, String text, @Nullable String replyControl,
            boolean carouselItem) {
    }

    /**
     * One published thread.
     *
     * @param replyControl who may reply, as the container asked ({@code everyone} when it did not say)
     */
    public record Thread(String id, String userId, String text, String replyControl, Instant at) {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The published threads of every profile whose text contains {@code text}. */
    public List<Thread> threadsContaining(String text) {
        return threads.values().stream().flatMap(List::stream).filter(t -> t.text().contains(text)).toList();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinitionBuilder stubbed = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but();
        List<String> path = Arrays.asList(request.getUrl().replaceFirst("\\?.*$", "").replaceFirst("^" + VERSION + "/", "")
                .split("/"));
        if (parameter(request, "access_token").isBlank()) {
            return error(stubbed, 400, 190, "OAuthException", "An active access token must be used").build();
        }
        return answer(request, path, stubbed).build();
    }

    private ResponseDefinitionBuilder answer(Request request, List<String> path, ResponseDefinitionBuilder stubbed) {
        String method = request.getMethod().getName();
        String node = path.getFirst();
        String edge = path.size() > 1 ? path.get(1) : "";
        return switch (method + " " + edge) {
            case "GET threads_publishing_limit" -> json(stubbed, "{\"data\":[{\"quota_usage\":"
                    + published(node).size() + ",\"config\":{\"quota_total\":250,\"quota_duration\":86400}}]}");
            case "POST threads" -> create(node, request, stubbed);
            case "POST threads_publish" -> publish(node, parameter(request, "creation_id"), stubbed);
            case "GET threads" -> {
                ObjectNode page = JSON.createObjectNode();
                var data = page.putArray("data");
                published(node).reversed().forEach(t -> data.addObject().put("id", t.id()).put("text", t.text())
                        .put("timestamp", GRAPH_TIME.format(t.at())));
                yield json(stubbed, page.toString());
            }
            case "GET " -> parameter(request, "fields").equals("status,error_message")
                    ? containers.containsKey(node) ? json(stubbed, "{\"status\":\"FINISHED\",\"id\":\"" + node + "\"}")
                            : notFound(stubbed, node)
                    : json(stubbed, JSON.createObjectNode().put("username", "gotsu_city_demo").put("name", "江津市（デモ）")
                            .put("threads_biography", BIOGRAPHY).put("id", node).toString());
            case "DELETE " -> {
                boolean removed = threads.values().stream().anyMatch(list -> list.removeIf(t -> t.id().equals(node)));
                yield removed ? json(stubbed, "{\"success\":true,\"deleted_id\":\"" + node + "\"}") : notFound(stubbed, node);
            }
            default -> error(stubbed, 400, 100, "THApiException", "Unsupported request - method type: "
                    + method.toLowerCase(java.util.Locale.ROOT));
        };
    }

    private ResponseDefinitionBuilder create(String userId, Request request, ResponseDefinitionBuilder stubbed) {
        String type = parameter(request, "media_type");
        String text = parameter(request, "text");
        String replyControl = parameter(request, "reply_control");
        boolean item = parameter(request, "is_carousel_item").equals("true");
        boolean valid = switch (type) {
            case "TEXT" -> !text.isBlank() && !item;
            case "IMAGE" -> parameter(request, "image_url").matches("https?://.+");
            case "CAROUSEL" -> carouselOf(userId, parameter(request, "children"));
            default -> false;
        };
        if (!valid || !replyControl.isEmpty() && !REPLY_CONTROLS.contains(replyControl)) {
            return error(stubbed, 400, 100, "THApiException", "Invalid parameter");
        }
        String id = Long.toString(ids.incrementAndGet());
        containers.put(id, new Container(userId, type, text, replyControl.isEmpty() ? null : replyControl, item));
        return json(stubbed, "{\"id\":\"" + id + "\"}");
    }

    private boolean carouselOf(String userId, String children) {
        List<String> ids = List.of(children.split(","));
        return ids.size() >= 2 && ids.size() <= 20 && ids.stream().map(containers::get)
                .allMatch(c -> c != null && c.carouselItem() && c.userId().equals(userId));
    }

    /** A container is published once: it is gone afterwards, so a second request for it is refused. */
    private synchronized ResponseDefinitionBuilder publish(String userId, String creationId,
            ResponseDefinitionBuilder stubbed) {
        Container container = containers.get(creationId);
        if (container == null || !container.userId().equals(userId) || container.carouselItem()) {
            return notFound(stubbed, creationId);
        }
        String mediaId = Long.toString(ids.incrementAndGet());
        containers.remove(creationId);
        published(userId).add(new Thread(mediaId, userId, container.text(),
                Optional.ofNullable(container.replyControl()).orElse("everyone"), Instant.now()));
        return json(stubbed, "{\"id\":\"" + mediaId + "\"}");
    }

    private List<Thread> published(String userId) {
        return threads.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>());
    }

    /** A form field of a POST, else a query parameter. */
    private static String parameter(Request request, String name) {
        var form = request.getMethod().getName().equals("POST") ? request.formParameter(name) : null;
        if (form != null && form.isPresent()) {
            return form.firstValue();
        }
        var query = request.queryParameter(name);
        return query.isPresent() ? query.firstValue() : "";
    }

    private static ResponseDefinitionBuilder notFound(ResponseDefinitionBuilder stubbed, String id) {
        return error(stubbed, 400, 100, "THApiException", "Unsupported request: object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
    }

    private static ResponseDefinitionBuilder json(ResponseDefinitionBuilder stubbed, String body) {
        return stubbed.withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    private static ResponseDefinitionBuilder error(ResponseDefinitionBuilder stubbed, int status, int code, String type,
            String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).put("code", code)
                .put("fbtrace_id", "AvCx3Simulated");
        return stubbed.withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(body.toString());
    }
}
