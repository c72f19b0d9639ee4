package org.kohogateway.gateway.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals secrets that must be usable again later (so they cannot be hashed) with AES-256-GCM under
 * {@code gateway.credentials.key}: a fresh 96-bit nonce per seal, stored in front of the ciphertext, and the owner of
 * the secret (e.g. {@code official_account:7}) as associated data, so a sealed blob copied onto another owner fails
 * to open.
 */
@Component
public class SecretSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretSealer(SealingProperties properties) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(properties.key().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("gateway.credentials.key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("gateway.credentials.key must be 32 bytes (256 bits), base64-encoded");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] seal(String owner, byte[] clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a secret of " + owner, e);
        }
    }

    /** @throws IllegalStateException if the blob was sealed under another key or owner, or was changed */
    public byte[] open(String owner, byte[] blob) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret of " + owner
                    + " cannot be opened with the configured key (wrong key, or tampered)");
        }
    }
}
