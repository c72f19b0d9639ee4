package org.kohogateway.gateway.support;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param key base64 of a 256-bit AES key that seals secrets at rest (platform credentials, webhook secrets). No
 *            default, on purpose: production sets {@code GATEWAY_CREDENTIALS_KEY}; the demo generates one per run.
 */
@Validated
@ConfigurationProperties("gateway.credentials")
record SealingProperties(@NotBlank String key) {
}
