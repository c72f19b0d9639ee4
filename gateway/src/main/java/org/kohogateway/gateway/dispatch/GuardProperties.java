package org.kohogateway.gateway.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied per account before any platform request.
 *
 * @param failureRate       percentage of failed (transient or unknown) calls in the window that opens an account's
 *                          circuit breaker (default 50)
 * @param minimumCalls      calls in the window before the rate counts (default 5)
 * @param window            calls the failure rate looks back over (default 20)
 * @param openFor           how long an open breaker keeps the account's deliveries waiting before probing (default 1m)
 * @param halfOpenCalls     probe requests an account gets after {@code openFor} before its breaker closes or opens
 *                          again (default 10)
 * @param perMinute         requests per account per minute, by platform (defaults LINE 60, X 30, FACEBOOK 30,
 *                          INSTAGRAM 10, BLUESKY 30, THREADS 10, YOUTUBE 10)
 * @param dailyCap          posts per account in any rolling 24 hours, by platform; platforms not listed are uncapped
 *                          (defaults X 100, INSTAGRAM 50, THREADS 200: below the platforms' own limits, so the gateway waits
 *                          instead of being refused)
 * @param windows           further rolling limits per account, by platform: at most {@code limit} posts in any
 *                          {@code length} (defaults X 200 in 15 minutes and 300 in 3 hours, X's documented posting
 *                          limits, so an emergency burst is spread over them rather than refused by X); listing a
 *                          platform replaces its defaults
 */
@Validated
@ConfigurationProperties("gateway.guards")
record GuardProperties(
        @DefaultValue("50") @Min(1) @Max(100) int failureRate,
        @DefaultValue("5") @Min(1) int minimumCalls,
        @DefaultValue("20") @Min(1) int window,
        @DefaultValue("1m") @NotNull Duration openFor,
        @DefaultValue("10") @Min(1) int halfOpenCalls,
        Map<Platform, Integer> perMinute,
        Map<Platform, Integer> dailyCap,
        Map<Platform, List<Window>> windows) {

    /** At most {@code limit} posts in any {@code length}. */
    record Window(@NotNull Duration length, @Min(1) int limit) {

        Window {
            if (length == null || length.isNegative() || length.isZero() || limit < 1) {
                throw new IllegalArgumentException("gateway.guards.windows need a positive length and a limit of at least 1");
            }
        }
    }

    GuardProperties {
        perMinute = withDefaults(perMinute, Map.of(Platform.LINE, 60, Platform.X, 30, Platform.FACEBOOK, 30,
                Platform.INSTAGRAM, 10, Platform.BLUESKY, 30, Platform.THREADS, 10, Platform.YOUTUBE, 10));
        dailyCap = withDefaults(dailyCap, Map.of(Platform.X, 100, Platform.INSTAGRAM, 50, Platform.THREADS, 200));
        windows = withDefaults(windows, Map.of(Platform.X, List.of(new Window(Duration.ofMinutes(15), 200),
                new Window(Duration.ofHours(3), 300))));
        if (perMinute.values().stream().anyMatch(v -> v == null || v < 1)
                || dailyCap.values().stream().anyMatch(v -> v == null || v < 1)) {
            throw new IllegalArgumentException("gateway.guards.per-minute and daily-cap values must be at least 1");
        }
    }

    /** The rolling limits of a platform, the daily cap among them, each at most {@code limit} in {@code length}. */
    List<Window> rollingLimits(Platform platform) {
        List<Window> all = new ArrayList<>(windows.getOrDefault(platform, List.of()));
        Integer cap = dailyCap.get(platform);
        if (cap != null) {
            all.add(new Window(Duration.ofHours(24), cap));
        }
        return all;
    }

    private static <V> Map<Platform, V> withDefaults(@Nullable Map<Platform, V> configured, Map<Platform, V> defaults) {
        Map<Platform, V> merged = new EnumMap<>(defaults);
        if (configured != null) {
            merged.putAll(configured);
        }
        return Map.copyOf(merged);
    }
}
