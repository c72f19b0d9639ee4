package org.kohogateway.gateway.support;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on every application transaction, so that one stuck statement or one long lock holder ends in a clear error
 * instead of a queue behind it (a pause waiting on the gate rows, claims waiting on the audit chain).
 *
 * @param lockTimeout      how long a statement waits for a lock before it fails (default 5s)
 * @param statementTimeout how long one statement of a read-write transaction may run (default 30s); read-only
 *                         transactions (exports, the chain check, pages) are not bounded by it, they hold no lock
 *                         anyone else waits for
 * @param idleInTransactionTimeout how long a transaction may sit between statements before PostgreSQL ends it
 *                         (default 10s): an instance frozen in the middle of one (stopped, swapping, a debugger) gives
 *                         back its locks, so a pause does not wait for it to wake up
 */
@Validated
@ConfigurationProperties("gateway.database")
public record DatabaseProperties(
        @DefaultValue("5s") @NotNull Duration lockTimeout,
        @DefaultValue("30s") @NotNull Duration statementTimeout,
        @DefaultValue("10s") @NotNull Duration idleInTransactionTimeout) {

    /**
     * How long a pause waits for the gate rows: past the point where PostgreSQL has ended the transaction of a
     * frozen instance that held them, so a pause is delayed by a stalled instance but never refused because of it.
     */
    public Duration pauseLockTimeout() {
        return idleInTransactionTimeout.plus(lockTimeout);
    }
}
