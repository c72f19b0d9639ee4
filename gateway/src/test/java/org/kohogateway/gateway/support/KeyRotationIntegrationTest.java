package org.kohogateway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Rotating the credentials key (issue 21, point 3): secrets sealed under key A, the ring rotated to B with A kept as
 * an older key, the re-seal job run, A removed — and every secret still opens, those sealed before key ids included.
 */
class KeyRotationIntegrationTest {

    private static final SealedColumn SECRETS = new SealedColumn("rotation_secret", "id", "sealed");
    private static final String KEY_A = key();
    private static final String KEY_B = key();

    private static JdbcClient jdbc;
    private static DataSourceTransactionManager transactions;

    @BeforeEach
    void table() {
        if (jdbc == null) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(EmbeddedDatabase.freshDatabase("key_rotation"));
            jdbc = JdbcClient.create(dataSource);
            transactions = new DataSourceTransactionManager(dataSource);
        }
        jdbc.sql("drop table if exists rotation_secret").update();
        jdbc.sql("create table rotation_secret (id bigint primary key, sealed bytea)").update();
    }

    @Test
    void secretsSurviveARotationAndTheRemovalOfTheOldKey() {
        SecretSealer a = sealer("a", KEY_A, Map.of());
        for (long id = 1; id <= 250; id++) {
            store(id, a.seal(SECRETS.owner(id), secret(id)));
        }
        store(251, legacySeal(KEY_A, SECRETS.owner(251), secret(251)));
        jdbc.sql("insert into rotation_secret (id, sealed) values (252, null)").update();

        SecretSealer rotated = sealer("b", KEY_B, Map.of("a", KEY_A));
        assertThat(resealing(rotated).reseal()).isEqualTo(251);
        assertThat(resealing(rotated).reseal()).as("nothing left under A").isZero();

        SecretSealer bOnly = sealer("b", KEY_B, Map.of());
        for (long id = 1; id <= 251; id++) {
            assertThat(bOnly.open(SECRETS.owner(id), stored(id))).isEqualTo(secret(id));
        }
    }

    @Test
    void withoutTheReSealRemovingTheOldKeyLosesTheSecretsAndSaysWhichKeyIsMissing() {
        store(1, sealer("a", KEY_A, Map.of()).seal(SECRETS.owner(1), secret(1)));

        assertThatThrownBy(() -> sealer("b", KEY_B, Map.of()).open(SECRETS.owner(1), stored(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names key a");
    }

    @Test
    void aSecretNoKeyOfTheRingOpensStopsTheReSealAndKeepsItsBatchAsItWas() {
        store(1, sealer("a", KEY_A, Map.of()).seal(SECRETS.owner(1), secret(1)));
        store(2, sealer("c", key(), Map.of()).seal(SECRETS.owner(2), secret(2)));

        assertThatThrownBy(() -> resealing(sealer("b", KEY_B, Map.of("a", KEY_A))).reseal())
                .hasMessageContaining("rotation_secret:2");
        assertThat(sealer("a", KEY_A, Map.of()).open(SECRETS.owner(1), stored(1))).isEqualTo(secret(1));
    }

    @Test
    void aBlobKeepsItsOwner() {
        SecretSealer ring = sealer("b", KEY_B, Map.of("a", KEY_A));
        byte[] blob = ring.seal(SECRETS.owner(1), secret(1));

        assertThatThrownBy(() -> ring.open(SECRETS.owner(2), blob)).isInstanceOf(IllegalStateException.class);
    }

    private static SecretResealing resealing(SecretSealer sealer) {
        return new SecretResealing(jdbc, sealer, List.of(SECRETS), transactions, properties("x", KEY_A, Map.of()));
    }

    private static SecretSealer sealer(String id, String key, Map<String, String> older) {
        return new SecretSealer(properties(id, key, older));
    }

    private static SealingProperties properties(String id, String key, Map<String, String> older) {
        return new SealingProperties(key, id, older, Duration.ofHours(1), 100);
    }

    private static void store(long id, byte[] blob) {
        jdbc.sql("insert into rotation_secret (id, sealed) values (:id, :blob)").param("id", id).param("blob", blob)
                .update();
    }

    private static byte[] stored(long id) {
        return jdbc.sql("select sealed from rotation_secret where id = :id").param("id", id).query(byte[].class)
                .single();
    }

    private static byte[] secret(long id) {
        return ("secret number " + id).getBytes(StandardCharsets.UTF_8);
    }

    private static String key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** The format before key ids: the nonce, then the ciphertext. */
    private static byte[] legacySeal(String key, String owner, byte[] clear) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                    new GCMParameterSpec(128, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
