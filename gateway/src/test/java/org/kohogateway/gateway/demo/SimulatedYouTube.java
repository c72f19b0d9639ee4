package org.kohogateway.gateway.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The YouTube Data API v3 with a memory, as its reference describes it, for the demo and the tests (the connectors'
 * own {@code YouTubeStubs} play single answers; this keeps what was uploaded): Google's token endpoint
 * ({@value #TOKEN}, a refresh token for an access token), the resumable upload (its start answered with the session's
 * {@code Location}; each chunk with {@code 308} and the {@code Range} received until the last, which makes the video
 * and answers with it; {@code bytes *}{@code /size} asks how much arrived), {@code videos.list} and
 * {@code videos.update} of the status part, {@code channels.list(mine)} with the uploads playlist,
 * {@code playlistItems.list} of those uploads and {@code playlistItems.insert}. Errors are Google's error body; a
 * request without an access token it gave is {@code 401 authError}.
 */
public final class SimulatedYouTube implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "youtube-data-api";
    /** Where the simulated Google exchanges refresh tokens ({@code gateway.platforms.youtube.token-url}). */
    public static final String TOKEN = "/oauth2/token";
    public static final String CHANNEL = "UCgotsuCityDemo0123456A";
    private static final String UPLOADS = "UU" + CHANNEL.substring(2);
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> videos = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    /** A resumable upload under way: the video's metadata and how many bytes arrived. */
    private static final class Upload {
        final ObjectNode metadata;
        long received;

        Upload(ObjectNode metadata) {
            this.metadata = metadata;
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** The videos on the channel whose description contains {@code text}, each as {@code videos.list} shows it. */
    public List<JsonNode> videosContaining(String text) {
        return videos.values().stream()
                .filter(v -> v.path("snippet").path("description").asString("").contains(text))
                .map(JsonNode.class::cast).toList();
    }

    /** The video with this id, as {@code videos.list} shows it. */
    public Optional<JsonNode> video(String id) {
        return Optional.ofNullable(videos.get(id));
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinitionBuilder stubbed = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but();
        try {
            return answer(request, stubbed).build();
        } catch (RuntimeException e) {
            return error(stubbed, 400, "badRequest", "could not read the request: " + e.getMessage()).build();
        }
    }

    private ResponseDefinitionBuilder answer(Request request, ResponseDefinitionBuilder stubbed) {
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        if (path.equals(TOKEN)) {
            String body = request.getBodyAsString();
            if (!body.contains("grant_type=refresh_token") || !body.contains("refresh_token=")) {
                return json(stubbed, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
            }
            return json(stubbed, 200, JSON.createObjectNode().put("access_token", "sim-yt-access-"
                    + tokens.incrementAndGet()).put("expires_in", 3599)
                    .put("scope", "https://www.googleapis.com/auth/youtube").put("token_type", "Bearer").toString());
        }
        String uploadId = query(request, "upload_id");
        if (path.equals("/upload/youtube/v3/videos") && uploadId != null) {
            // the session's address is its credential, as on Google's upload servers
            return chunk(request, uploadId, stubbed);
        }
        if (!String.valueOf(request.getHeader("Authorization")).startsWith("Bearer sim-yt-access-")) {
            return error(stubbed, 401, "authError", "Request had invalid authentication credentials.");
        }
        return switch (request.getMethod().getName() + " " + path) {
            case "POST /upload/youtube/v3/videos" -> start(request, stubbed);
            case "GET /youtube/v3/videos" -> list(query(request, "id"), stubbed);
            case "PUT /youtube/v3/videos" -> update(JSON.readTree(request.getBodyAsString()), stubbed);
            case "GET /youtube/v3/channels" -> json(stubbed, 200, channel());
            case "GET /youtube/v3/playlistItems" -> json(stubbed, 200, uploadsPlaylist());
            case "POST /youtube/v3/playlistItems" -> json(stubbed, 200, request.getBodyAsString());
            default -> error(stubbed, 404, "notFound", "Not Found");
        };
    }

    private ResponseDefinitionBuilder start(Request request, ResponseDefinitionBuilder stubbed) {
        String id = "sim" + Long.toHexString(random.nextLong());
        uploads.put(id, new Upload((ObjectNode) JSON.readTree(request.getBodyAsString())));
        String location = request.getAbsoluteUrl().replaceFirst("\\?.*$", "")
                + "?uploadType=resumable&part=snippet,status&upload_id=" + id;
        return stubbed.withStatus(200).withHeader("Location", location).withHeader("X-GUploader-UploadID", id);
    }

    /** One chunk ({@code bytes a-b/size}) or the question how much arrived ({@code bytes *}{@code /size}). */
    private synchronized ResponseDefinitionBuilder chunk(Request request, String uploadId,
            ResponseDefinitionBuilder stubbed) {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            return error(stubbed, 404, "notFound", "The upload session does not exist");
        }
        String range = String.valueOf(request.getHeader("Content-Range")).replaceFirst("^bytes ", "");
        long size = Long.parseLong(range.substring(range.indexOf('/') + 1));
        if (!range.startsWith("*")) {
            long from = Long.parseLong(range.substring(0, range.indexOf('-')));
            if (from == upload.received) {
                upload.received += request.getBody().length;
            }
        }
        if (upload.received < size) {
            ResponseDefinitionBuilder incomplete = stubbed.withStatus(308);
            return upload.received == 0 ? incomplete : incomplete.withHeader("Range", "bytes=0-" + (upload.received - 1));
        }
        uploads.remove(uploadId);
        return json(stubbed, 200, made(upload.metadata).toString());
    }

    /** The video the last chunk makes: private with its publishAt when it came so, as YouTube keeps it. */
    private ObjectNode made(ObjectNode metadata) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        ObjectNode video = JSON.createObjectNode().put("kind", "youtube#video").put("id", id.toString());
        ObjectNode snippet = metadata.path("snippet") instanceof ObjectNode s ? s.deepCopy() : JSON.createObjectNode();
        snippet.put("publishedAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("channelId", CHANNEL).put("liveBroadcastContent", "none");
        video.set("snippet", snippet);
        ObjectNode status = metadata.path("status") instanceof ObjectNode s ? s.deepCopy() : JSON.createObjectNode();
        status.put("uploadStatus", "uploaded").put("license", "youtube").put("embeddable", true);
        if (!status.has("privacyStatus")) {
            status.put("privacyStatus", "public");
        }
        video.set("status", status);
        videos.put(id.toString(), video);
        return video;
    }

    private ResponseDefinitionBuilder list(String id, ResponseDefinitionBuilder stubbed) {
        ObjectNode answer = JSON.createObjectNode().put("kind", "youtube#videoListResponse");
        var items = answer.putArray("items");
        if (id != null && videos.containsKey(id)) {
            items.add(videos.get(id));
        }
        return json(stubbed, 200, answer.toString());
    }

    /** {@code videos.update} of the status part: the whole part is replaced, as the API does. */
    private ResponseDefinitionBuilder update(JsonNode body, ResponseDefinitionBuilder stubbed) {
        ObjectNode video = videos.get(body.path("id").asString(""));
        if (video == null) {
            return error(stubbed, 404, "videoNotFound", "The video that you are trying to update cannot be found.");
        }
        synchronized (video) {
            video.set("status", body.path("status").deepCopy());
        }
        return json(stubbed, 200, video.toString());
    }

    private static String channel() {
        ObjectNode answer = JSON.createObjectNode().put("kind", "youtube#channelListResponse");
        ObjectNode item = answer.putArray("items").addObject().put("kind", "youtube#channel").put("id", CHANNEL);
        item.putObject("snippet").put("title", "江津市（デモ）")
                .put("description", "島根県江津市の公式 YouTube チャンネルです。コメントへの返信は行いません。 "
                        + SimulatedPlatforms.CITY_HOMEPAGE);
        item.putObject("contentDetails").putObject("relatedPlaylists").put("uploads", UPLOADS);
        return answer.toString();
    }

    /** The channel's uploads, newest first, as {@code playlistItems.list} shows them. */
    private String uploadsPlaylist() {
        ObjectNode answer = JSON.createObjectNode().put("kind", "youtube#playlistItemListResponse");
        var items = answer.putArray("items");
        videos.values().stream()
                .sorted(Comparator.comparing((ObjectNode v) -> Instant.parse(v.path("snippet").path("publishedAt")
                        .asString())).reversed())
                .forEach(v -> {
                    ObjectNode snippet = items.addObject().put("kind", "youtube#playlistItem").putObject("snippet");
                    snippet.put("publishedAt", v.path("snippet").path("publishedAt").asString())
                            .put("title", v.path("snippet").path("title").asString(""))
                            .put("description", v.path("snippet").path("description").asString(""))
                            .put("channelId", CHANNEL).put("playlistId", UPLOADS);
                    snippet.putObject("resourceId").put("kind", "youtube#video").put("videoId", v.path("id").asString());
                });
        answer.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", 50);
        return answer.toString();
    }

    private static String query(Request request, String name) {
        var parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : null;
    }

    private static ResponseDefinitionBuilder json(ResponseDefinitionBuilder stubbed, int status, String body) {
        return stubbed.withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    /** Google's error body: {@code {"error":{"code","message","errors":[{"message","domain","reason"}]}}}. */
    private static ResponseDefinitionBuilder error(ResponseDefinitionBuilder stubbed, int status, String reason,
            String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", status).put("message", message);
        error.putArray("errors").addObject().put("message", message).put("domain", "youtube.api").put("reason", reason);
        return json(stubbed, status, body.toString());
    }
}
