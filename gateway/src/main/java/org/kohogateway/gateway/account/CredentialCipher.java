package org.kohogateway.gateway.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * AES-256-GCM under {@code gateway.credentials.key}: a fresh 96-bit nonce per seal, stored in front of the ciphertext;
 * a context naming the owner (the account, or another feature's row) is the associated data, so a sealed blob copied
 * onto another owner fails to open. Other features seal their secrets (e.g. TOTP secrets) with it too.
 */
@Component
public class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json;

    CredentialCipher(CredentialProperties properties, JsonMapper json) {
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
        this.json = json;
    }

    byte[] seal(long accountId, PlatformCredentials credentials) {
        return seal(context(accountId), json.writeValueAsBytes(credentials.values()));
    }

    PlatformCredentials open(long accountId, byte[] blob) {
        return new PlatformCredentials(json.readValue(open(context(accountId), blob),
                new TypeReference<Map<String, String>>() {
                }));
    }

    /** Seals bytes for the owner named by {@code context} (e.g. {@code "staff_totp:42"}). */
    public byte[] seal(String context, byte[] clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal the secret of " + context, e);
        }
    }

    /** Opens what {@link #seal(String, byte[])} sealed for the same context; refuses a wrong key or a tampered blob. */
    public byte[] open(String context, byte[] blob) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret of " + context
                    + " cannot be opened with the configured key (wrong key, or tampered)");
        }
    }

    private static String context(long accountId) {
        return "official_account:" + accountId;
    }
}
