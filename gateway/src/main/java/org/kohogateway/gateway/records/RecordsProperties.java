package org.kohogateway.gateway.records;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The city's records rules (文書管理規程) as they apply to posts.
 *
 * @param retention     the retention class of a post's record by its category; categories not listed keep their
 *                      defaults (NOTICE and EVENT one year, PRESS_RELEASE and POLICY_PROPOSAL_REPLY five years,
 *                      EMERGENCY ten years). A record keeps the class in force when it was registered.
 * @param registerEvery how often posts that went out are registered as records in the background (default 10m); every
 *                      read of the records registers the new ones first as well
 * @param packageLimit  most records one disclosure package of a date range holds (default 500): a larger request is
 *                      refused with the count, to be split
 */
@Validated
@ConfigurationProperties("gateway.records")
public record RecordsProperties(
        Map<PostCategory, RetentionClass> retention,
        @DefaultValue("10m") @NotNull Duration registerEvery,
        @DefaultValue("500") @Min(1) @Max(10_000) int packageLimit) {

    private static final Map<PostCategory, RetentionClass> DEFAULTS = Map.of(
            PostCategory.NOTICE, RetentionClass.ONE_YEAR,
            PostCategory.EVENT, RetentionClass.ONE_YEAR,
            PostCategory.PRESS_RELEASE, RetentionClass.FIVE_YEARS,
            PostCategory.POLICY_PROPOSAL_REPLY, RetentionClass.FIVE_YEARS,
            PostCategory.EMERGENCY, RetentionClass.TEN_YEARS);

    public RecordsProperties {
        retention = withDefaults(retention);
        if (registerEvery.isNegative() || registerEvery.isZero()) {
            throw new IllegalArgumentException("gateway.records.register-every must be positive");
        }
    }

    /** The class a post of this category is kept under. */
    public RetentionClass retentionOf(PostCategory category) {
        return retention.get(category);
    }

    private static Map<PostCategory, RetentionClass> withDefaults(@Nullable Map<PostCategory, RetentionClass> given) {
        Map<PostCategory, RetentionClass> merged = new EnumMap<>(DEFAULTS);
        if (given != null) {
            given.forEach((category, retention) -> {
                if (retention == null) {
                    throw new IllegalArgumentException("gateway.records.retention." + category + " needs a class");
                }
                merged.put(category, retention);
            });
        }
        return Map.copyOf(merged);
    }
}
