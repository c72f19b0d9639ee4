package org.kohogateway.gateway.account;

import java.net.URI;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param homepageUrl the city homepage that introduces its official accounts (guideline §7-①): every profile must show
 *                    it and every policy text links it. Must be an https URL, since a profile check accepts nothing
 *                    weaker.
 */
@Validated
@ConfigurationProperties("gateway.accounts")
public record AccountProperties(@DefaultValue("https://www.city.gotsu.lg.jp") @NotNull URI homepageUrl) {

    public AccountProperties {
        if (homepageUrl != null && (!"https".equals(lower(homepageUrl.getScheme())) || homepageUrl.getHost() == null
                || homepageUrl.getRawUserInfo() != null || homepageUrl.getRawQuery() != null)) {
            throw new IllegalArgumentException(
                    "gateway.accounts.homepage-url must be an https URL without user info or query: " + homepageUrl);
        }
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
