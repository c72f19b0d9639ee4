package org.kohogateway.gateway.dispatch.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.kohogateway.connectors.Platform;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bluesky PDS part of {@link ChaosPlatforms}: the XRPC the Bluesky connector calls, answered as Bluesky's PDS does.
 * <ul>
 *   <li>{@code com.atproto.server.createSession} (handle and app password) and {@code refreshSession} (the refresh
 *       token): access tokens live {@link #ACCESS_LIFETIME}, then calls are refused {@code 400 ExpiredToken}, so
 *       sessions are renewed during the run as they are every two hours in production;</li>
 *   <li>{@code com.atproto.repo.applyWrites}, the creating request and the one that gets {@link Fault}s: its creates are
 *       written all or none, and a create under a record key already taken fails the whole write with
 *       {@code 500 InternalServerError}, as the PDS's repository (its MST refuses a second value at a key) answers —
 *       a repeat of a delivery whose post exists creates nothing, and the connector finds the post by the look-up.
 *       A {@link Fault#SLOW_ANSWER} here is a PDS slow to commit: the write lands {@link #LATE_COMMIT} after it
 *       arrived, when the connector's look-up after its timeout has found nothing and the delivery's next attempt may
 *       have written the post first — then the late write is the one refused;</li>
 *   <li>{@code com.atproto.repo.getRecord}: the record, or {@code 400 RecordNotFound}.</li>
 * </ul>
 * Every answer to a write carries the {@code RateLimit-*} headers of the account's write allowance, never spent here.
 */
final class ChaosBluesky {

    /** Short, so that every run renews sessions with {@code refreshSession}; Bluesky's last about two hours. */
    static final Duration ACCESS_LIFETIME = Duration.ofSeconds(15);

    /**
     * How long after its arrival a write that gets {@link Fault#SLOW_ANSWER} is committed: after the connector's read
     * timeout in the test (2 s) and the look-up that follows it, about when the delivery's next attempt looks or writes.
     */
    static final Duration LATE_COMMIT = Duration.ofSeconds(3);

    private static final String POST = "app.bsky.feed.post";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChaosPlatforms platforms;
    private final PlatformLedger ledger;
    /** When each access token stops being accepted. */
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    ChaosBluesky(ChaosPlatforms platforms, PlatformLedger ledger) {
        this.platforms = platforms;
        this.ledger = ledger;
    }

    ResponseDefinition answer(Request request, String method, String nsid, Map<String, String> query) {
        String bearer = String.valueOf(request.getHeader("Authorization")).replaceFirst("^Bearer ", "");
        if (nsid.equals("com.atproto.server.createSession")) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            String handle = body.path("identifier").asString("");
            ledger.request(Platform.BLUESKY, handle, method, nsid, Fault.NONE);
            return body.path("password").asString("").isBlank()
                    ? error(401, "AuthenticationRequired", "Invalid identifier or password").build()
                    : session(handle);
        }
        String handle = ledger.handleOf(bearer);
        if (nsid.equals("com.atproto.server.refreshSession")) {
            ledger.request(Platform.BLUESKY, handle == null ? "?" : handle, method, nsid, Fault.NONE);
            return handle == null || !bearer.startsWith("chaos-refresh-")
                    ? error(400, "InvalidToken", "Token could not be verified").build()
                    : session(handle);
        }
        if (handle == null || !bearer.startsWith("chaos-access-")) {
            ledger.request(Platform.BLUESKY, "?", method, nsid, Fault.NONE);
            return error(401, "AuthenticationRequired", "Authentication Required").build();
        }
        boolean expired = !Instant.now().isBefore(expiries.getOrDefault(bearer, Instant.EPOCH));
        return switch (nsid) {
            case "com.atproto.repo.applyWrites" -> applyWrites(handle, method, nsid, request.getBodyAsString(), expired);
            case "com.atproto.repo.getRecord" -> {
                ledger.request(Platform.BLUESKY, handle, method, nsid, Fault.NONE);
                yield expired ? expiredToken() : getRecord(query);
            }
            default -> {
                ledger.request(Platform.BLUESKY, handle, method, nsid, Fault.NONE);
                yield error(501, "MethodNotImplemented", "Method Not Implemented").build();
            }
        };
    }

    private ResponseDefinition applyWrites(String handle, String method, String nsid, String raw, boolean expired) {
        JsonNode body = JSON.readTree(raw);
        String text = "";
        for (JsonNode write : body.path("writes")) {
            if (write.path("collection").asString("").equals(POST)) {
                text = write.path("value").path("text").asString("");
            }
        }
        if (expired) {
            // refused before the repository is touched: a creating request all the same, without a fault of its own
            ledger.request(Platform.BLUESKY, handle, method, nsid, Fault.NONE, text);
            return expiredToken();
        }
        Fault fault = platforms.fault(Platform.BLUESKY, handle, text);
        ledger.request(Platform.BLUESKY, handle, method, nsid, fault, text);
        if (fault == Fault.RESET_BEFORE || fault == Fault.RATE_LIMITED) {
            return platforms.failure(Platform.BLUESKY, fault);
        }
        String did = ledger.did(handle);
        if (!body.path("repo").asString("").equals(did)) {
            return error(400, "InvalidRequest", "Invalid repo: " + body.path("repo").asString("")).build();
        }
        Map<String, String> writes = new LinkedHashMap<>();
        for (JsonNode write : body.path("writes")) {
            String collection = write.path("collection").asString("");
            if (!write.path("$type").asString("").equals("com.atproto.repo.applyWrites#create")
                    || !write.path("value").path("$type").asString("").equals(collection)) {
                return error(400, "InvalidRequest", "Invalid write: " + write).build();
            }
            writes.put("at://" + did + "/" + collection + "/" + write.path("rkey").asString(""),
                    write.path("value").toString());
        }
        ResponseDefinitionBuilder answer;
        if (fault == Fault.SLOW_ANSWER) {
            // nobody reads this answer: the client gave up before it comes
            answer = created(raw, writes);
            String post = text;
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(LATE_COMMIT);
                    commit(handle, post, writes);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } else {
            answer = commit(handle, text, writes) ? created(raw, writes)
                    : error(500, "InternalServerError", "Internal Server Error");
        }
        long reset = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        answer.withHeader("RateLimit-Limit", "5000").withHeader("RateLimit-Remaining", "4997")
                .withHeader("RateLimit-Reset", Long.toString(reset)).withHeader("RateLimit-Policy", "5000;w=3600");
        return fault == Fault.NONE ? answer.build() : platforms.failure(Platform.BLUESKY, fault, answer);
    }

    /** Writes the records, all or none, and notes the post; false when a key was taken. */
    private boolean commit(String handle, String text, Map<String, String> writes) {
        if (!ledger.writeAll(writes)) {
            return false;
        }
        ledger.create(Platform.BLUESKY, handle, text, writes.keySet().iterator().next());
        return true;
    }

    private ResponseDefinitionBuilder created(String raw, Map<String, String> writes) {
        ObjectNode created = JSON.createObjectNode();
        created.putObject("commit").put("cid", cid(raw)).put("rev", "3lchaos" + ledger.newId());
        ArrayNode results = created.putArray("results");
        writes.forEach((uri, value) -> results.addObject().put("$type", "com.atproto.repo.applyWrites#createResult")
                .put("uri", uri).put("cid", cid(value)).put("validationStatus", "valid"));
        return PlatformAnswers.json(200, created.toString());
    }

    private ResponseDefinition getRecord(Map<String, String> query) {
        String uri = "at://" + query.getOrDefault("repo", "") + "/" + query.getOrDefault("collection", "") + "/"
                + query.getOrDefault("rkey", "");
        String value = ledger.record(uri);
        if (value == null) {
            return error(400, "RecordNotFound", "Could not locate record: " + uri).build();
        }
        ObjectNode record = JSON.createObjectNode().put("uri", uri).put("cid", cid(value));
        record.set("value", JSON.readTree(value));
        return PlatformAnswers.json(200, record.toString()).build();
    }

    private ResponseDefinition session(String handle) {
        String access = ledger.sessionToken("access", handle);
        expiries.put(access, Instant.now().plus(ACCESS_LIFETIME));
        return PlatformAnswers.json(200, JSON.createObjectNode().put("accessJwt", access)
                .put("refreshJwt", ledger.sessionToken("refresh", handle)).put("handle", handle)
                .put("did", ledger.did(handle)).put("active", true).toString()).build();
    }

    private static ResponseDefinition expiredToken() {
        return error(400, "ExpiredToken", "Token has expired").build();
    }

    /** A stand-in for a CID, enough to tell contents apart. */
    private static String cid(String content) {
        return "bafyrei" + Integer.toHexString(content.hashCode());
    }

    private static ResponseDefinitionBuilder error(int status, String error, String message) {
        return PlatformAnswers.json(status, JSON.createObjectNode().put("error", error).put("message", message).toString());
    }
}
