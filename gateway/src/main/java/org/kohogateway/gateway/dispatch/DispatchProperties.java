package org.kohogateway.gateway.dispatch;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled      run the dispatch loop in this instance (default true)
 * @param pollInterval the longest an idle loop waits before looking for due deliveries again (default 200ms); it
 *                     wakes sooner for a delivery it knew was falling due, so this bounds only how late one scheduled
 *                     while it slept goes out
 * @param concurrency  platform requests in flight at once per instance (default 64); each waits on a virtual
 *                     thread, so this bounds the load on the platforms, not a thread pool
 * @param lease        how long a claim holds before another instance treats the claimer as dead (default 2m);
 *                     must exceed the longest platform call
 * @param maxAttempts  attempts before a transient failure becomes FAILED (default 5)
 * @param backoff      first retry delay without a platform hint; doubles per attempt (default 10s)
 * @param maxBackoff   cap of that delay (default 15m)
 * @param instanceId   names this instance in claims and the audit trail (default: host name and process id)
 * @param maxLateness  a delivery that would go out more than this after its time is held for a new time instead
 *                     (default 30m): 「本日10時から」 must not appear at 15:00 after an outage or a long wait
 */
@Validated
@ConfigurationProperties("gateway.dispatch")
record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("64") @Min(1) @Max(512) int concurrency,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("10s") @NotNull Duration backoff,
        @DefaultValue("15m") @NotNull Duration maxBackoff,
        @DefaultValue("") String instanceId,
        @DefaultValue("30m") @NotNull Duration maxLateness) {

    String instance() {
        return instanceId.isBlank() ? ProcessHandle.current().pid() + "@" + host() : instanceId;
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }
}
