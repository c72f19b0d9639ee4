package org.kohogateway.gateway.support;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of {@link SafeFetch}, the client of every URL a person or a feed supplies.
 *
 * @param allowLoopback reach loopback addresses (127.0.0.0/8, ::1), over http too: for tests and the demo, whose
 *                      receivers and feeds run on this machine. Never in production (default false).
 * @param maxRedirects  same-host redirects followed, each checked again (default 3; a redirect to another host is
 *                      never followed)
 * @param maxBody       largest answer body read (default 2MB); a longer one is cut off and reported as such
 * @param timeout       connect and read timeout, and the bound of the whole exchange (default 10s)
 */
@Validated
@ConfigurationProperties("gateway.outbound")
public record OutboundProperties(@DefaultValue("false") boolean allowLoopback,
        @DefaultValue("3") @Min(0) @Max(10) int maxRedirects,
        @DefaultValue("2MB") @NotNull DataSize maxBody,
        @DefaultValue("10s") @NotNull Duration timeout) {

    public OutboundProperties {
        if (maxBody != null && (maxBody.toBytes() < 1 || maxBody.toBytes() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("gateway.outbound.max-body must be between 1B and 2GB: " + maxBody);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("gateway.outbound.timeout must be positive: " + timeout);
        }
    }
}
