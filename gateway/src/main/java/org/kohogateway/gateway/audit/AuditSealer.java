package org.kohogateway.gateway.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit entries into the hash chain shortly after commit, in seq order, so that no audited
 * transaction waits for another to hash its entries (issue 20).
 *
 * <p>The hard part is never to skip an entry: a transaction may take a low seq and commit after entries with higher
 * seqs are visible. A round therefore seals only up to a seq no open transaction can still insert below, found with
 * a <em>checkpoint</em>: (1) read the last seq the sequence handed out, L; (2) then take a new transaction id, X.
 * Every entry with seq ≤ L belongs to a transaction whose id is below X, since an entry's transaction gets its id
 * before the entry its seq ({@code audit_entry_number} in V85) and ids are handed out in increasing order. Once the
 * oldest transaction still running is at or above X ({@code pg_snapshot_xmin(pg_current_snapshot())}), each of them
 * has committed — its entries are visible — or rolled back, and entries up to L can be sealed in seq order with none
 * missing. A transaction held open thus holds back the entries after its own, not anyone's commit.
 *
 * <p>Every instance runs a sealer; {@link AuditSeals} lets one at a time seal (a transaction-scoped advisory
 * try-lock) and continues from the chain's head, so a checkpoint stays good whoever seals. Not
 * {@code support.OneInstance}: that holds a second connection for a whole round, where the transaction that writes
 * seals can elect the sealer itself. Its own thread: a round every quarter second must not queue behind
 * scheduled work that calls platforms.
 */
@Component
class AuditSealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    /** Seqs handed out up to {@code lastSeq} belong to transactions with ids below {@code xid}. */
    private record Checkpoint(long lastSeq, String xid) {
    }

    private final JdbcClient jdbc;
    private final AuditSeals seals;
    private final SealProperties properties;
    private @Nullable ScheduledExecutorService timer;
    /** Touched by the sealing thread only. */
    private @Nullable Checkpoint pending;
    /** Every entry up to this seq is sealed or rolled back: until the sequence moves on, no checkpoint is needed. */
    private long settledThrough;

    AuditSealer(JdbcClient jdbc, PlatformTransactionManager transactions, SealProperties properties) {
        this.jdbc = jdbc;
        this.seals = new AuditSeals(jdbc, new TransactionTemplate(transactions));
        this.properties = properties;
    }

    /**
     * One round: seals what the pending checkpoint allows, taking a checkpoint first when entries were added since.
     *
     * @return entries sealed
     */
    private int seal() {
        if (pending == null) {
            pending = checkpoint();
        }
        if (pending == null || !settled(pending)) {
            return 0;
        }
        int total = 0;
        int sealed;
        do {
            sealed = seals.sealUpTo(pending.lastSeq(), properties.batch());
            if (sealed < 0) {
                return total; // another instance is sealing; the checkpoint stays good for the next round
            }
            total += sealed;
        } while (sealed == properties.batch());
        settledThrough = pending.lastSeq();
        // the next checkpoint at once: what was written while this round sealed starts settling now, not a round later
        pending = checkpoint();
        return total;
    }

    /** Absent when the sequence has not moved since the last checkpoint was sealed. */
    private @Nullable Checkpoint checkpoint() {
        long last = jdbc.sql("select case when is_called then last_value else last_value - 1 end from audit_entry_numbers")
                .query(Long.class).single();
        if (last <= settledThrough) {
            return null;
        }
        // a statement of its own, after the one above: the id must be taken after the sequence was read
        String xid = jdbc.sql("select pg_current_xact_id()::text").query(String.class).single();
        return new Checkpoint(last, xid);
    }

    /** Whether every transaction with an id below the checkpoint's has ended. */
    private boolean settled(Checkpoint checkpoint) {
        return jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot()) >= cast(:xid as xid8)")
                .param("xid", checkpoint.xid()).query(Boolean.class).single();
    }

    /**
     * One round, then the next on the same timer: soon while a checkpoint waits for the transactions before it to end
     * (they are mostly a few milliseconds long, so waiting a whole pause would only add to every entry's lag), after
     * the pause when there was nothing to seal. The round itself holds no lock, so stopping never waits for the
     * database.
     */
    private void round(ScheduledExecutorService on) {
        try {
            seal();
        } catch (RuntimeException e) {
            pending = null;
            log.warn("sealing the audit trail failed; trying again in {}", properties.every(), e);
        }
        Duration next = pending != null ? properties.settleCheck() : properties.every();
        synchronized (this) {
            if (timer == on) {
                on.schedule(() -> round(on), next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (timer == null) {
            ScheduledExecutorService on = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("audit-sealer").daemon().factory());
            timer = on;
            on.schedule(() -> round(on), properties.every().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
