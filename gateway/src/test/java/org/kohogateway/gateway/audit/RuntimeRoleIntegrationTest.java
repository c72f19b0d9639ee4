package org.kohogateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The production set-up of roles (issue 21, point 1): an owner runs the migrations on a database of its own, and the
 * runtime role the application connects as may add to the audit trail and read it, never change it, empty it, alter
 * it or switch its triggers off — refused by PostgreSQL's privileges, before any trigger runs.
 */
class RuntimeRoleIntegrationTest {

    private static final String OWNER = "koho_test_owner";
    private static final String RUNTIME = "koho_test_runtime";
    private static final String DATABASE = "koho_roles";

    private static String ownerUrl;
    private static String runtimeUrl;

    @BeforeAll
    static void migrateAsTheOwner() throws SQLException {
        String superuser = EmbeddedDatabase.jdbcUrl();
        try (Connection c = DriverManager.getConnection(superuser); Statement s = c.createStatement()) {
            s.execute("create role " + OWNER + " login");
            s.execute("create role " + RUNTIME + " login");
            s.execute("create database " + DATABASE + " owner " + OWNER);
        }
        ownerUrl = superuser.replaceFirst("/postgres\\?", "/" + DATABASE + "?").replace("user=postgres", "user=" + OWNER);
        runtimeUrl = ownerUrl.replace("user=" + OWNER, "user=" + RUNTIME);
        Flyway.configure().dataSource(ownerUrl, OWNER, "").locations("classpath:db/migration")
                .placeholders(Map.of("runtimeRole", RUNTIME)).load().migrate();
    }

    @Test
    void theRuntimeRoleAddsToTheTrailAndReadsIt() throws SQLException {
        try (Connection c = DriverManager.getConnection(runtimeUrl, RUNTIME, ""); Statement s = c.createStatement()) {
            s.execute("""
                    insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, detail)
                    values (now(), 'system', 'ROLE_CHECKED', 'test', 'runtime', '{}')
                    """);
            var rs = s.executeQuery("select count(*) from audit_entry where action = 'ROLE_CHECKED'");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
        // and seals it: the sealer's statements, as the runtime role
        DriverManagerDataSource runtime = new DriverManagerDataSource(runtimeUrl, RUNTIME, "");
        AuditSeals seals = new AuditSeals(JdbcClient.create(runtime),
                new TransactionTemplate(new DataSourceTransactionManager(runtime)));
        assertThat(seals.sealUpTo(Long.MAX_VALUE, 10_000)).isPositive();
        assertThat(JdbcClient.create(runtime).sql("""
                select count(*) from audit_entry e join audit_seal s on s.seq = e.seq where e.action = 'ROLE_CHECKED'
                """).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theRuntimeRoleWritesTheGatewaysOtherTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(runtimeUrl, RUNTIME, ""); Statement s = c.createStatement()) {
            s.execute("update staff set display_name = display_name where false");
            s.execute("delete from event_publication where false");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "update audit_entry set actor = 'someone else'",
            "delete from audit_entry",
            "truncate audit_entry",
            "update audit_seal set hash = repeat('0', 64)",
            "delete from audit_seal",
            "truncate audit_seal",
            "update audit_anchor set hash = repeat('0', 64)",
            "delete from audit_anchor",
            "truncate audit_anchor",
            "alter table audit_anchor disable trigger audit_anchor_no_update",
            "insert into audit_chain_form (form, from_chain_pos) values (3, 1)",
            "alter table audit_entry disable trigger audit_entry_no_update",
            "alter table audit_entry disable trigger all",
            "alter table audit_seal disable trigger audit_seal_no_update",
            "alter table audit_entry add column note text",
            "drop table audit_seal",
            "set session_replication_role = replica" })
    void theRuntimeRoleCannotChangeTheTrail(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(runtimeUrl, RUNTIME, ""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(statement)).isInstanceOf(SQLException.class)
                    .hasMessageNotContaining("append-only")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void theRuntimeRoleOwnsNothing() throws SQLException {
        try (Connection c = DriverManager.getConnection(ownerUrl, OWNER, ""); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select count(*) from pg_tables where schemaname = 'public' and tableowner = '"
                    + RUNTIME + "'");
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
