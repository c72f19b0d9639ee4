package org.kohogateway.gateway.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 * A Bluesky PDS with a memory, as the lexicons describe it, for the demo and the tests: an app-password session
 * ({@code createSession}, {@code refreshSession}), blobs, records written by {@code applyWrites} (atomically; a create
 * under a key already taken fails the whole write with {@code 500 InternalServerError}, as Bluesky's PDS does), read by
 * {@code getRecord} ({@code 400 RecordNotFound} when absent), removed by {@code deleteRecord}, and the account's
 * profile through {@code app.bsky.actor.getProfile}, linking the city's homepage. Every error is an XRPC error body.
 * A request without a token of a session it made is {@code 401 AuthenticationRequired}.
 */
public final class SimulatedBluesky implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "bluesky-pds";
    /** The demo account's DID: {@code did:plc:} and 24 base32 characters. */
    public static final String DID = "did:plc:gotsucitydemo2345abcdefg";
    public static final String HANDLE = "gotsu-city-demo.bsky.social";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, JsonNode> records = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger tokens = new AtomicInteger();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** How many sessions {@code createSession} made. */
    public int sessionsCreated() {
        return sessions.get();
    }

    /** The posts in the account's repository whose text contains {@code text}. */
    public List<JsonNode> postsContaining(String text) {
        return records.entrySet().stream().filter(e -> e.getKey().startsWith("app.bsky.feed.post/"))
                .map(Map.Entry::getValue).filter(v -> v.path("text").asString("").contains(text)).toList();
    }

    /** The record under this collection and key, or {@code null}. */
    public JsonNode record(String collection, String rkey) {
        return records.get(collection + "/" + rkey);
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String nsid = request.getUrl().replaceFirst("^/xrpc/", "").replaceFirst("\\?.*$", "");
        ResponseDefinitionBuilder stubbed = ResponseDefinitionBuilder.like(event.getResponseDefinition()).but();
        try {
            return answer(nsid, request, stubbed).build();
        } catch (RuntimeException e) {
            return error(stubbed, 400, "InvalidRequest", "could not read the request: " + e.getMessage()).build();
        }
    }

    private ResponseDefinitionBuilder answer(String nsid, Request request, ResponseDefinitionBuilder stubbed) {
        if (nsid.equals("com.atproto.server.createSession")) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            if (body.path("identifier").asString("").isBlank() || body.path("password").asString("").isBlank()) {
                return error(stubbed, 401, "AuthenticationRequired", "Invalid identifier or password");
            }
            sessions.incrementAndGet();
            return session(stubbed);
        }
        String authorization = String.valueOf(request.getHeader("Authorization"));
        if (nsid.equals("com.atproto.server.refreshSession")) {
            return authorization.startsWith("Bearer sim-refresh-") ? session(stubbed)
                    : error(stubbed, 400, "InvalidToken", "Token could not be verified");
        }
        if (!authorization.startsWith("Bearer sim-access-")) {
            return error(stubbed, 401, "AuthenticationRequired", "Authentication Required");
        }
        return switch (nsid) {
            case "com.atproto.repo.uploadBlob" -> json(stubbed, 200, "{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\""
                    + cid("bafkrei", request.getBody()) + "\"},\"mimeType\":\"" + request.getHeader("Content-Type")
                    + "\",\"size\":" + request.getBody().length + "}}");
            case "com.atproto.repo.applyWrites" -> applyWrites(JSON.readTree(request.getBodyAsString()), stubbed);
            case "com.atproto.repo.getRecord" -> {
                String key = request.queryParameter("collection").firstValue() + "/"
                        + request.queryParameter("rkey").firstValue();
                JsonNode value = records.get(key);
                yield value == null ? error(stubbed, 400, "RecordNotFound", "Could not locate record: " + key)
                        : json(stubbed, 200, JSON.createObjectNode().put("uri", uri(key))
                                .put("cid", cid("bafyrei", value.toString().getBytes(StandardCharsets.UTF_8)))
                                .set("value", value).toString());
            }
            case "com.atproto.repo.deleteRecord" -> {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                records.remove(body.path("collection").asString("") + "/" + body.path("rkey").asString(""));
                yield json(stubbed, 200, "{}");
            }
            case "app.bsky.actor.getProfile" -> json(stubbed, 200, JSON.createObjectNode().put("did", DID)
                    .put("handle", HANDLE).put("displayName", "江津市（デモ）")
                    .put("description", "島根県江津市の公式アカウントです。このアカウントでは返信・リプライには対応していません。")
                    .put("website", SimulatedPlatforms.CITY_HOMEPAGE).toString());
            default -> error(stubbed, 501, "MethodNotImplemented", "Method Not Implemented");
        };
    }

    /** All creates or none: a key already taken fails the whole write, as the PDS's repository refuses it. */
    private synchronized ResponseDefinitionBuilder applyWrites(JsonNode body, ResponseDefinitionBuilder stubbed) {
        Map<String, JsonNode> creates = new java.util.LinkedHashMap<>();
        for (JsonNode write : body.path("writes")) {
            String key = write.path("collection").asString("") + "/" + write.path("rkey").asString("");
            if (records.containsKey(key) || creates.containsKey(key)) {
                return error(stubbed, 500, "InternalServerError", "Internal Server Error");
            }
            creates.put(key, write.path("value"));
        }
        records.putAll(creates);
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("commit").put("cid", cid("bafyrei", body.toString().getBytes(StandardCharsets.UTF_8)))
                .put("rev", "3lbqxhlpsyk2a");
        var results = answer.putArray("results");
        creates.forEach((key, value) -> results.addObject().put("$type", "com.atproto.repo.applyWrites#createResult")
                .put("uri", uri(key)).put("cid", cid("bafyrei", value.toString().getBytes(StandardCharsets.UTF_8)))
                .put("validationStatus", "valid"));
        return json(stubbed, 200, answer.toString());
    }

    private ResponseDefinitionBuilder session(ResponseDefinitionBuilder stubbed) {
        int n = tokens.incrementAndGet();
        return json(stubbed, 200, JSON.createObjectNode().put("accessJwt", "sim-access-" + n)
                .put("refreshJwt", "sim-refresh-" + n).put("handle", HANDLE).put("did", DID).put("active", true)
                .toString());
    }

    private static String uri(String key) {
        return "at://" + DID + "/" + key;
    }

    /** A stand-in for a CID: a prefix and the SHA-256 of the content, enough to tell contents apart. */
    private static String cid(String prefix, byte[] content) {
        try {
            return prefix + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 52);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinitionBuilder json(ResponseDefinitionBuilder stubbed, int status, String body) {
        return stubbed.withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private static ResponseDefinitionBuilder error(ResponseDefinitionBuilder stubbed, int status, String error,
            String message) {
        return json(stubbed, status, JSON.createObjectNode().put("error", error).put("message", message).toString());
    }
}
