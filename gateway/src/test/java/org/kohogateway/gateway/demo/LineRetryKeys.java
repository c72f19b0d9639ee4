package org.kohogateway.gateway.demo;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Behaves like LINE with {@code X-Line-Retry-Key}: the first request with a key is accepted (a new request id), every
 * later one within the key's lifetime gets 409 naming the request that was accepted. So the simulator, like LINE,
 * never delivers a broadcast twice, and tests can count what it accepted.
 */
public final class LineRetryKeys implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "line-retry-key";

    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> acceptances = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String key = event.getRequest().getHeader("X-Line-Retry-Key");
        ResponseDefinition stubbed = event.getResponseDefinition();
        if (key == null || key.isBlank()) {
            return ResponseDefinitionBuilder.like(stubbed).but()
                    .withHeader("x-line-request-id", UUID.randomUUID().toString()).build();
        }
        String requestId = UUID.randomUUID().toString();
        String first = accepted.putIfAbsent(key, requestId);
        if (first != null) {
            return ResponseDefinitionBuilder.like(stubbed).but().withStatus(409)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-line-request-id", requestId)
                    .withHeader("x-line-accepted-request-id", first)
                    .withBody("{\"message\":\"The retry key is already accepted\"}")
                    .build();
        }
        acceptances.merge(key, 1, Integer::sum);
        return ResponseDefinitionBuilder.like(stubbed).but().withHeader("x-line-request-id", requestId).build();
    }

    /** How many broadcasts the simulator accepted (would have delivered) for a delivery key: 0 or 1. */
    public int acceptedCount(String retryKey) {
        return acceptances.getOrDefault(retryKey, 0);
    }
}
