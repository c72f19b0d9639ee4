package org.kohogateway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The re-seal job reaches every sealed secret: platform credentials, webhook secrets and TOTP secrets. */
class SealedColumnsIntegrationTest extends IntegrationTest {

    @Autowired
    List<SealedColumn> columns;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everySealedColumnIsDeclaredForTheReSealJob() {
        assertThat(columns).extracting(c -> c.table() + "." + c.column()).containsExactlyInAnyOrder(
                "official_account.credentials", "webhook.secret", "staff_totp.secret_sealed");
    }

    @Test
    void everyDeclaredColumnIsABytesColumnOfTheSchema() {
        List<String> bytea = jdbc.sql("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and data_type = 'bytea'
                """).query(String.class).list();
        assertThat(bytea).containsAll(columns.stream().map(c -> c.table() + "." + c.column()).toList());
    }
}
