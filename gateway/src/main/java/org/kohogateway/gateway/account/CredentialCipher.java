package org.kohogateway.gateway.account;

import java.nio.ByteBuffer;
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
 * AES-256-GCM: a fresh 96-bit nonce per seal, stored in front of the ciphertext; the account id is the
 * associated data, so a sealed blob copied onto another account fails to open.
 */
@Component
class CredentialCipher {

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
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(accountId));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(credentials.values()));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal credentials of account " + accountId, e);
        }
    }

    PlatformCredentials open(long accountId, byte[] blob) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            cipher.updateAAD(aad(accountId));
            byte[] clear = cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
            return new PlatformCredentials(json.readValue(clear, new TypeReference<Map<String, String>>() {
            }));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credentials of account " + accountId
                    + " cannot be opened with the configured key (wrong key, or tampered)");
        }
    }

    private static byte[] aad(long accountId) {
        return ("official_account:" + accountId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
