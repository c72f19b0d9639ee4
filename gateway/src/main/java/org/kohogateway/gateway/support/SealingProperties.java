package org.kohogateway.gateway.support;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keyring that seals secrets at rest ({@link SecretSealer}).
 *
 * @param key        base64 of the current 256-bit AES key: every new seal uses it. No default, on purpose: production
 *                   sets {@code GATEWAY_CREDENTIALS_KEY}; the demo generates one per run
 * @param keyId      the current key's id, written in front of every blob it seals (default {@code 1})
 * @param olderKeys  earlier keys by id (base64), kept only to open what they sealed until the re-seal job has moved
 *                   it to the current key ({@link SecretResealing}); then remove them
 * @param resealEvery pause between re-seal rounds (default 1h; a round with nothing to move only reads)
 * @param resealBatch secrets re-sealed per transaction (default 100)
 */
@Validated
@ConfigurationProperties("gateway.credentials")
record SealingProperties(
        @NotBlank String key,
        @DefaultValue("1") @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{1,32}") String keyId,
        @DefaultValue Map<String, String> olderKeys,
        @DefaultValue("1h") @NotNull Duration resealEvery,
        @DefaultValue("100") @Min(1) @Max(10_000) int resealBatch) {
}
