package org.kohogateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/** Signs and checks anchors with HMAC-SHA256 under keys from the configuration ({@link AnchorProperties}). */
@Component
class AnchorSigner {

    private final String currentId;
    private final Map<String, byte[]> keys = new HashMap<>();

    AnchorSigner(AnchorProperties properties) {
        this.currentId = properties.keyId();
        if (!properties.key().isBlank()) {
            keys.put(currentId, key("gateway.audit.anchor.key", properties.key()));
        }
        properties.olderKeys().forEach((id, base64) -> keys.putIfAbsent(id,
                key("gateway.audit.anchor.older-keys." + id, base64)));
    }

    private static byte[] key(String property, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (raw.length < 32) {
            throw new IllegalStateException(property + " must be at least 32 bytes (256 bits), base64-encoded");
        }
        return raw;
    }

    /** Whether a current key is configured, so that anchors can be made. */
    boolean canSign() {
        return keys.containsKey(currentId);
    }

    String currentKeyId() {
        return currentId;
    }

    String sign(AuditAnchor unsigned) {
        return hmac(keys.get(currentId), unsigned.signed());
    }

    /** Null when the anchor's signature matches; otherwise why not. */
    String problem(AuditAnchor anchor) {
        byte[] key = keys.get(anchor.keyId());
        if (key == null) {
            return "anchor " + anchor.number() + " was signed with key " + anchor.keyId()
                    + ", which is not configured (gateway.audit.anchor)";
        }
        boolean matches = MessageDigest.isEqual(hmac(key, anchor.signed()).getBytes(StandardCharsets.US_ASCII),
                anchor.signature().getBytes(StandardCharsets.US_ASCII));
        return matches ? null : "the signature of anchor " + anchor.number() + " does not match (a forged or changed anchor)";
    }

    private static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
