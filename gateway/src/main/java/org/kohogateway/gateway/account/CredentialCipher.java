package org.kohogateway.gateway.account;

import java.util.Map;

import org.kohogateway.gateway.support.SealedColumn;
import org.kohogateway.gateway.support.SecretSealer;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals an account's platform credentials as one JSON document; the account id is the associated data, so a sealed
 * blob copied onto another account fails to open.
 */
@Component
class CredentialCipher {

    private static final SealedColumn CREDENTIALS = new SealedColumn("official_account", "id", "credentials");

    private final SecretSealer sealer;
    private final JsonMapper json;

    CredentialCipher(SecretSealer sealer, JsonMapper json) {
        this.sealer = sealer;
        this.json = json;
    }

    byte[] seal(long accountId, PlatformCredentials credentials) {
        return sealer.seal(owner(accountId), json.writeValueAsBytes(credentials.values()));
    }

    PlatformCredentials open(long accountId, byte[] blob) {
        byte[] clear;
        try {
            clear = sealer.open(owner(accountId), blob);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("credentials of account " + accountId
                    + " cannot be opened with the configured key (wrong key, or tampered)");
        }
        return new PlatformCredentials(json.readValue(clear, new TypeReference<Map<String, String>>() {
        }));
    }

    private static String owner(long accountId) {
        return CREDENTIALS.owner(accountId);
    }

    /** For the re-seal job, when the credentials key rotates. */
    @Bean
    static SealedColumn sealedCredentials() {
        return CREDENTIALS;
    }
}
