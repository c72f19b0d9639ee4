package org.kohogateway.gateway.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs scheduled work that talks to platforms (reconciliation, profile checks) on one instance at a time, without a
 * transaction around it: a session-level advisory lock on a connection of its own marks the holder, while the work
 * makes its platform calls between short transactions of its own. A transaction-scoped lock would have kept the
 * work's transaction — and with it every row it had taken — open across those calls, holding back meanwhile the
 * sealing of the audit entries made after its own. If the holder dies, PostgreSQL ends its session and the lock with it.
 */
@Component
public class OneInstance {

    private final DataSource dataSource;

    OneInstance(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} if no other instance is running the work named by {@code lock}.
     *
     * @return whether it ran
     */
    public boolean run(long lock, Runnable work) {
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(true);
            if (!advisory(holder, "select pg_try_advisory_lock(?)", lock)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                advisory(holder, "select pg_advisory_unlock(?)", lock);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not take or give back advisory lock " + lock, e);
        }
    }

    private static boolean advisory(Connection connection, String sql, long lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, lock);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
