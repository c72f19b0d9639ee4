package org.kohogateway.gateway.feed;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param url        the city's press-release feed (RSS or Atom); no default: polling is off while it is unset
 * @param author     username of the PR officer the drafts are created as (required with {@code url})
 * @param accountIds the accounts the drafts target (required with {@code url})
 * @param interval   pause between polls (default 15m; at least 1m, to stay polite)
 * @param timeout    connect and read timeout of one poll (default 10s)
 */
@Validated
@ConfigurationProperties("gateway.feed")
public record FeedProperties(URI url, String author, @DefaultValue List<Long> accountIds,
        @DefaultValue("15m") @NotNull Duration interval, @DefaultValue("10s") @NotNull Duration timeout) {

    public FeedProperties {
        if (url != null && (author == null || author.isBlank() || accountIds.isEmpty())) {
            throw new IllegalArgumentException(
                    "gateway.feed.url is set: gateway.feed.author and gateway.feed.account-ids are required too");
        }
        if (interval != null && interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("gateway.feed.interval must be at least 1m: " + interval);
        }
    }

    boolean enabled() {
        return url != null;
    }
}
