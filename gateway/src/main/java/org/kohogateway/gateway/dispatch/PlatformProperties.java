package org.kohogateway.gateway.dispatch;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where each platform's API lives. The defaults are the real platforms; the demo and the tests point them at
 * WireMock stubs of the same APIs.
 */
@Validated
@ConfigurationProperties("gateway.platforms")
record PlatformProperties(@DefaultValue @Valid Line line) {

    /**
     * @param apiEndpoint    LINE Messaging API base (default https://api.line.me)
     * @param connectTimeout default 5s
     * @param readTimeout    default 10s
     */
    record Line(@DefaultValue("https://api.line.me") @NotNull URI apiEndpoint,
            @DefaultValue("5s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration readTimeout) {
    }
}
