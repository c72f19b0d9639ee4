package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CredentialsIntegrationTest extends IntegrationTest {

    @Autowired
    OfficialAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesCredentialsSealedAndOpensThemForTheSameAccountOnly() {
        World world = data.world();
        String secret = "line-secret-" + world.poster();
        accounts.replaceCredentials(world.admin(), world.lineA().id(),
                new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, secret)));

        byte[] stored = blob(world.lineA().id());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(accounts.credentials(world.lineA().id()).get(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN))
                .contains(secret);

        jdbc.sql("update official_account set credentials = :blob where id = :id")
                .param("blob", stored).param("id", world.lineB().id()).update();
        assertThatThrownBy(() -> accounts.credentials(world.lineB().id()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be opened");
    }

    @Test
    void neverShowsCredentialsInTheApiOrTheAuditTrail() {
        World world = data.world();
        String secret = "line-secret-" + world.poster();
        accounts.replaceCredentials(world.admin(), world.lineA().id(),
                new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, secret)));

        assertThat(api(world.admin()).get("/api/accounts").body()).doesNotContain(secret).doesNotContain("test-token");
        assertThat(api(world.auditor()).get("/api/audit?subjectType=ACCOUNT&subjectId=" + world.lineA().id()).body())
                .contains("ACCOUNT_CREDENTIALS_REPLACED").doesNotContain(secret);
        assertThat(new PlatformCredentials(Map.of("token", secret)).toString()).doesNotContain(secret);
    }

    private byte[] blob(long accountId) {
        return jdbc.sql("select credentials from official_account where id = :id").param("id", accountId)
                .query((rs, n) -> rs.getBytes(1)).single();
    }
}
