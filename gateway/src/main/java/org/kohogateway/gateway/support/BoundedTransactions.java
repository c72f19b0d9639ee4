package org.kohogateway.gateway.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The transaction manager, with {@link DatabaseProperties}' bounds set on each transaction as it begins
 * ({@code set_config(…, true)} is {@code SET LOCAL}: it ends with the transaction, so a pooled connection carries
 * nothing over, and Flyway's migrations, which run outside it, are not bounded).
 *
 * <p>Lock order, for whoever adds a transaction: rows first (posts, then deliveries, then the dispatch gate rows),
 * and never across a platform call. The audit trail takes no lock (an entry takes a number; the sealer links it
 * later), but a transaction left open holds back the sealing of every entry committed after it began
 * ({@code audit.AuditSealer}): work on thousands of rows commits in batches.
 */
@Configuration(proxyBeanMethods = false)
class BoundedTransactions {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, DatabaseProperties properties) {
        return new Manager(dataSource, properties);
    }

    private static final class Manager extends JdbcTransactionManager {

        private final String lockTimeout;
        private final String statementTimeout;
        private final String idleTimeout;

        Manager(DataSource dataSource, DatabaseProperties properties) {
            super(dataSource);
            this.lockTimeout = properties.lockTimeout().toMillis() + "ms";
            this.statementTimeout = properties.statementTimeout().toMillis() + "ms";
            this.idleTimeout = properties.idleInTransactionTimeout().toMillis() + "ms";
        }

        @Override
        protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
                throws SQLException {
            super.prepareTransactionalConnection(connection, definition);
            boolean readOnly = definition.isReadOnly();
            try (PreparedStatement bounds = connection.prepareStatement(readOnly
                    ? "select set_config('lock_timeout', ?, true), set_config('idle_in_transaction_session_timeout', ?, true)"
                    : "select set_config('lock_timeout', ?, true), set_config('idle_in_transaction_session_timeout', ?, true), "
                            + "set_config('statement_timeout', ?, true)")) {
                bounds.setString(1, lockTimeout);
                bounds.setString(2, idleTimeout);
                if (!readOnly) {
                    bounds.setString(3, statementTimeout);
                }
                bounds.execute();
            }
        }
    }
}
