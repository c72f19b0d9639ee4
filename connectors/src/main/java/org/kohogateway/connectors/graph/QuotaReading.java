package org.kohogateway.connectors.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.restfb.json.JsonObject;
import com.restfb.json.JsonValue;

/**
 * The account's publishing quota as Meta reports it, for the gateway to show: Instagram's
 * {@code content_publishing_limit} and Threads' {@code threads_publishing_limit} answer in the same shape.
 */
public sealed interface QuotaReading {

    /**
     * Reads {@code {"data":[{"quota_usage":2,"config":{"quota_total":100,"quota_duration":86400}}]}}; empty when the
     * answer has another shape. A missing {@code quota_duration} is taken as the documented 24 hours.
     */
    static Optional<Quota> fromPublishingLimit(@Nullable JsonObject answer) {
        JsonValue data = answer == null ? null : answer.get("data");
        if (data == null || !data.isArray() || data.asArray().isEmpty() || !data.asArray().get(0).isObject()) {
            return Optional.empty();
        }
        JsonObject limit = data.asArray().get(0).asObject();
        Optional<Long> used = GraphJson.number(limit, "quota_usage");
        Optional<JsonObject> config = GraphJson.object(limit, "config");
        Optional<Long> total = config.flatMap(c -> GraphJson.number(c, "quota_total"));
        Duration window = config.flatMap(c -> GraphJson.number(c, "quota_duration"))
                .map(Duration::ofSeconds).orElse(Duration.ofHours(24));
        if (used.isEmpty() || total.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Quota(used.get().intValue(), total.get().intValue(), window));
    }

    /**
     * @param used   posts published in the current rolling window ({@code quota_usage})
     * @param total  posts allowed per window ({@code config.quota_total}; at the time of writing 100 per 24 h on
     *               Instagram, 250 on Threads)
     * @param window the rolling window ({@code config.quota_duration}, 24 h)
     */
    record Quota(int used, int total, Duration window) implements QuotaReading {
        public Quota {
            Objects.requireNonNull(window, "window");
        }

        /** No publication will be accepted until older posts leave the rolling window. */
        public boolean exhausted() {
            return used >= total;
        }

        public int remaining() {
            return Math.max(0, total - used);
        }
    }

    /** The quota could not be read; the reason says why (never the access token). */
    record Failed(String reason) implements QuotaReading {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
