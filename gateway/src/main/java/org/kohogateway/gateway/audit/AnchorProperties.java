package org.kohogateway.gateway.audit;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Anchoring the audit chain ({@link AuditAnchors}).
 *
 * @param key       base64 of the HMAC-SHA256 key (at least 32 bytes) that signs anchors; never stored in the database.
 *                  Empty: no anchors are made and {@code verify} says so (the demo and tests set one)
 * @param keyId     the key's id, recorded with each anchor (default {@code 1})
 * @param olderKeys earlier keys by id, to check the anchors they signed after the key changed
 * @param every     pause between scheduled anchors (default 1h); a head that has not moved is not anchored again
 */
@Validated
@ConfigurationProperties("gateway.audit.anchor")
record AnchorProperties(
        @DefaultValue("") String key,
        @DefaultValue("1") @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{1,32}") String keyId,
        @DefaultValue Map<String, String> olderKeys,
        @DefaultValue("1h") @NotNull Duration every) {
}
