package org.kohogateway.gateway.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals secrets that must be usable again later (so they cannot be hashed) with AES-256-GCM under the current key of
 * a keyring ({@link SealingProperties}): a fresh 96-bit nonce per seal, and the owner of the secret (e.g.
 * {@code official_account:7}) as associated data, so a sealed blob copied onto another owner fails to open.
 *
 * <p>A blob is {@code "KGK1"}, one byte of key-id length, the key id, the nonce, then the ciphertext: it names the
 * key that opens it, so keys can rotate ({@link SecretResealing}). A blob sealed before key ids (the nonce first, no
 * prefix) is opened with each key of the ring in turn — GCM's tag tells the right one — until the re-seal job has
 * rewritten it.
 */
@Component
public class SecretSealer {

    private static final byte[] MAGIC = "KGK1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentId;
    /** Current key first. */
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    SecretSealer(SealingProperties properties) {
        this.currentId = properties.keyId();
        keys.put(currentId, key("gateway.credentials.key", properties.key()));
        properties.olderKeys().forEach((id, base64) -> {
            if (!id.equals(currentId)) {
                keys.put(id, key("gateway.credentials.older-keys." + id, base64));
            }
        });
    }

    private static SecretKey key(String property, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (256 bits), base64-encoded");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public byte[] seal(String owner, byte[] clear) {
        byte[] id = currentId.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(MAGIC.length + 1 + id.length + NONCE_BYTES + sealed.length).put(MAGIC)
                    .put((byte) id.length).put(id).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret of " + owner, e);
        }
    }

    /** @throws IllegalStateException if no key of the ring opens the blob for this owner: another key or owner, or changed */
    public byte[] open(String owner, byte[] blob) {
        String id = keyId(blob);
        if (id != null && keys.containsKey(id)) {
            int start = MAGIC.length + 1 + id.length();
            byte[] clear = open(keys.get(id), owner, blob, start);
            if (clear != null) {
                return clear;
            }
        }
        // sealed before key ids, or — once in 2^32 — an unprefixed nonce that happens to begin like the prefix
        for (SecretKey key : keys.values()) {
            byte[] clear = open(key, owner, blob, 0);
            if (clear != null) {
                return clear;
            }
        }
        throw new IllegalStateException("the secret of " + owner + " cannot be opened with "
                + (id == null || keys.containsKey(id) ? "the configured keys (wrong key, or tampered)"
                        : "the configured keys: it names key " + id + ", which is not in gateway.credentials"));
    }

    /** Whether the blob is sealed under the current key, so the re-seal job leaves it as it is. */
    public boolean isCurrent(byte[] blob) {
        return currentId.equals(keyId(blob));
    }

    /** The id a blob names, or null for a blob sealed before key ids. */
    private static String keyId(byte[] blob) {
        if (blob.length < MAGIC.length + 1 || !Arrays.equals(blob, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        int length = blob[MAGIC.length] & 0xff;
        if (blob.length < MAGIC.length + 1 + length + NONCE_BYTES) {
            return null;
        }
        return new String(blob, MAGIC.length + 1, length, StandardCharsets.US_ASCII);
    }

    private static byte[] open(SecretKey key, String owner, byte[] blob, int start) {
        if (blob.length - start < NONCE_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, start, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(blob, start + NONCE_BYTES, blob.length - start - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
