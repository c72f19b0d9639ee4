package org.kohogateway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every transaction waits for a lock and runs a statement for a bounded time only, so nothing queues behind it. */
class BoundedTransactionsIntegrationTest extends IntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReadWriteTransactionHasALockTimeoutAndAStatementTimeout() {
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        assertThat(transaction.<String>execute(s -> setting("lock_timeout"))).isEqualTo("5s");
        assertThat(transaction.<String>execute(s -> setting("statement_timeout"))).isEqualTo("30s");
    }

    @Test
    void aReadOnlyTransactionHasALockTimeoutButNoStatementTimeoutSoAnExportMayRunLong() {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);

        assertThat(readOnly.<String>execute(s -> setting("lock_timeout"))).isEqualTo("5s");
        assertThat(readOnly.<String>execute(s -> setting("statement_timeout"))).isEqualTo("0");
    }

    @Test
    void aTransactionWaitingForARowAnotherHoldsFailsAfterTheLockTimeoutInsteadOfQueueing() {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        TransactionTemplate other = new TransactionTemplate(transactions);
        other.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);

        transaction.executeWithoutResult(s -> {
            jdbc.sql("select 1 from dispatch_gate where account_id = 0 for update").query().listOfRows();
            long started = System.nanoTime();
            assertThatThrownBy(() -> other.executeWithoutResult(t -> jdbc
                    .sql("update dispatch_gate set reason = reason where account_id = 0").update()))
                    .isInstanceOf(DataAccessException.class);
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(4_000L, 20_000L);
        });
    }

    private String setting(String name) {
        return jdbc.sql("select current_setting('" + name + "')").query(String.class).single();
    }
}
