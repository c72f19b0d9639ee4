package org.kohogateway.gateway.crisis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A paused gate row says who paused it, when and why. Every page lists the active pauses with them; a row paused by
 * hand without them (a benchmark once did so) made every page fail, and in a crisis is when someone would reach for SQL.
 */
class GateRowsIntegrationTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aGateRowPausedWithoutWhoWhenAndWhyIsRefusedByTheDatabase() throws SQLException {
        assertThatThrownBy(() -> pauseByHand("reason = 'by hand', paused_by = null, paused_at = null"))
                .isInstanceOf(SQLException.class).hasMessageContaining("dispatch_gate_paused_says_who_and_when");
        assertThatThrownBy(() -> pauseByHand("reason = 'by hand', paused_by = 'ops', paused_at = null"))
                .hasMessageContaining("dispatch_gate_paused_says_who_and_when");
        assertThatThrownBy(() -> pauseByHand("reason = 'by hand', paused_by = null, paused_at = now()"))
                .hasMessageContaining("dispatch_gate_paused_says_who_and_when");
        assertThatThrownBy(() -> pauseByHand("reason = null, paused_by = 'ops', paused_at = now()"))
                .hasMessageContaining("dispatch_gate_paused_says_who_and_when");
        assertThat(pauseByHand("reason = 'by hand', paused_by = 'ops', paused_at = now()"))
                .as("with who, when and why it may").isEqualTo(1);
    }

    /** Pauses everything by hand, in a transaction rolled back whatever happens: nothing is left paused for others. */
    private int pauseByHand(String saying) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "update dispatch_gate set paused = true, " + saying + " where account_id = 0")) {
                return update.executeUpdate();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
