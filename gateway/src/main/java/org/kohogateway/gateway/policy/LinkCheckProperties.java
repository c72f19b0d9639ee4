package org.kohogateway.gateway.policy;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of the check that a post's links answer ({@link LinkAnswers}), made when an approver looks at the post.
 *
 * @param parallel links fetched at once, across every approver's page (default 4)
 * @param timeout  one link's bound (default 3s): slower counts as not answering
 * @param deadline how long one page waits for all its links (default 5s): a link not answered by then is shown as
 *                 not answering, and its answer is remembered when it comes
 * @param cacheFor how long a link's answer is remembered (default 10m), so a page opened twice does not fetch again
 */
@Validated
@ConfigurationProperties("gateway.link-check")
public record LinkCheckProperties(@DefaultValue("4") @Min(1) @Max(32) int parallel,
        @DefaultValue("3s") @NotNull Duration timeout,
        @DefaultValue("5s") @NotNull Duration deadline,
        @DefaultValue("10m") @NotNull Duration cacheFor) {
}
