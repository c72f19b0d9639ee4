package org.kohogateway.gateway.dispatch.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the embedded PostgreSQL under the running gateways, as an operator's restart or a failover would: every
 * connection breaks, and for a moment none can be opened. zonky's {@code EmbeddedPostgres} offers no restart, so this
 * finds the server as the operating system knows it — the data directory from {@code show data_directory}, the
 * postmaster's pid from {@code postmaster.pid}, its binary from the process table — and runs that installation's own
 * {@code pg_ctl restart -m fast}, which starts it again with the options it was started with ({@code postmaster.opts}),
 * so on the same port. As root it runs under {@code unshare -U}, as zonky itself starts the server.
 */
public final class DatabaseRestart {

    private DatabaseRestart() {
    }

    /**
     * @return how it was done, for the test's report
     */
    public static String restart(String jdbcUrl) throws SQLException, IOException, InterruptedException {
        Path dataDirectory;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("show data_directory")) {
            rs.next();
            dataDirectory = Path.of(rs.getString(1));
        }
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
        Path postgres = Path.of(ProcessHandle.of(postmaster).orElseThrow().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot see the binary of postmaster " + postmaster)));
        Path pgCtl = postgres.resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            // PostgreSQL refuses to run as root; zonky starts it the same way, in a user namespace of its own
            command.addAll(List.of("/usr/bin/unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60",
                "-l", dataDirectory.resolve("restarted.log").toString(), "restart"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pg_ctl restart did not finish within 90 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl restart failed (" + process.exitValue() + "): " + output);
        }
        long restarted = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
        if (restarted == postmaster) {
            throw new IllegalStateException("the postmaster is still " + postmaster + " after pg_ctl restart");
        }
        return "pg_ctl restart -m fast (postmaster " + postmaster + " -> " + restarted + ")";
    }

    /** Not a restart: ends every other connection, for when {@link #restart} is impossible. */
    public static String terminateBackends(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            rs.next();
            return "pg_terminate_backend of " + rs.getInt(1) + " connections (no restart)";
        }
    }
}
