package org.kohogateway.connectors.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.UUID;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * A Bluesky PDS as WireMock plays it for the connector's tests, written from the lexicons: the XRPC paths, the answers'
 * shapes, and the error bodies ({@code {"error": "<Name>", "message": "..."}}) of {@code com.atproto.server.*},
 * {@code com.atproto.repo.*} and {@code app.bsky.actor.getProfile}.
 */
final class BlueskyStubs {

    static final String HANDLE = "gotsu-city.bsky.social";
    static final String APP_PASSWORD = "k7qm-2xv4-hd9s-pw3e";
    static final String DID = "did:plc:w4xbfzo7kqfes5zb7r6qv3rw";
    static final String ACCESS = "eyJhbGciOiJFUzI1NksifQ.access-1.c2ln";
    static final String REFRESH = "eyJhbGciOiJFUzI1NksifQ.refresh-1.c2ln";

    static final String CREATE_SESSION = "/xrpc/com.atproto.server.createSession";
    static final String REFRESH_SESSION = "/xrpc/com.atproto.server.refreshSession";
    static final String APPLY_WRITES = "/xrpc/com.atproto.repo.applyWrites";
    static final String UPLOAD_BLOB = "/xrpc/com.atproto.repo.uploadBlob";
    static final String GET_RECORD = "/xrpc/com.atproto.repo.getRecord";
    static final String DELETE_RECORD = "/xrpc/com.atproto.repo.deleteRecord";
    static final String GET_PROFILE = "/xrpc/app.bsky.actor.getProfile";

    private BlueskyStubs() {
    }

    /** The at-uri the connector writes a delivery's post under. */
    static String postUri(UUID deliveryKey) {
        return RecordKeys.postUri(DID, RecordKeys.forDelivery(deliveryKey));
    }

    /** {@code createSession} for the handle and app password, answering {@code accessJwt}. */
    static void session(WireMockExtension api, String accessJwt) {
        api.stubFor(post(CREATE_SESSION)
                .withRequestBody(matchingJsonPath("$.identifier", equalTo(HANDLE)))
                .withRequestBody(matchingJsonPath("$.password", equalTo(APP_PASSWORD)))
                .willReturn(okJson(session(accessJwt, REFRESH))));
    }

    static String session(String accessJwt, String refreshJwt) {
        return "{\"accessJwt\":\"" + accessJwt + "\",\"refreshJwt\":\"" + refreshJwt + "\",\"handle\":\"" + HANDLE
                + "\",\"did\":\"" + DID + "\",\"email\":\"koho@city.gotsu.lg.jp\",\"emailConfirmed\":true,"
                + "\"active\":true}";
    }

    /** {@code applyWrites} made with {@code accessJwt}, answering that the post was created. */
    static MappingBuilder writes(String accessJwt) {
        return post(APPLY_WRITES).withHeader("Authorization", equalTo("Bearer " + accessJwt));
    }

    /** {@code applyWrites}' answer: the commit, and one result per write, the post's first. */
    static ResponseDefinitionBuilder created(String uri) {
        return okJson("{\"commit\":{\"cid\":\"bafyreibgz3kh7wcnhkqjnrcf2nb6f2fhhzk6tcaoqlpqzoeaxrmqnuqcxy\","
                + "\"rev\":\"3lbqxhlpsyk2a\"},\"results\":[{\"$type\":\"com.atproto.repo.applyWrites#createResult\","
                + "\"uri\":\"" + uri + "\",\"cid\":\"bafyreihtx2cw6gkyszl2y4gkpwqmcp7mgbbaayn2p47c5ldp3nh7wbx7ha\","
                + "\"validationStatus\":\"valid\"}]}");
    }

    /** {@code getRecord} of a post that is there. */
    static ResponseDefinitionBuilder record(String uri, String text) {
        return okJson("{\"uri\":\"" + uri + "\",\"cid\":\"bafyreihtx2cw6gkyszl2y4gkpwqmcp7mgbbaayn2p47c5ldp3nh7wbx7ha\","
                + "\"value\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"" + text
                + "\",\"createdAt\":\"2025-10-01T08:00:00.000Z\"}}");
    }

    /** {@code getRecord} of a key that holds nothing, as the PDS answers it. */
    static ResponseDefinitionBuilder recordNotFound(String uri) {
        return error(400, "RecordNotFound", "Could not locate record: " + uri);
    }

    static MappingBuilder getRecord() {
        return get(urlPathEqualTo(GET_RECORD));
    }

    /** An XRPC error answer. */
    static ResponseDefinitionBuilder error(int status, String error, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }
}
