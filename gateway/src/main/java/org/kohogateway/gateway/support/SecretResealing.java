package org.kohogateway.gateway.support;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves every sealed secret to the current key of the ring ({@link SealingProperties}), a batch per short
 * transaction, so that an older key can be removed from the configuration (docs/operations.md, Rotating the
 * credentials key). A row changed meanwhile (new credentials saved) is left to its writer: the update applies only
 * if the blob is still the one read. Any instance may run it; two at once only repeat each other's work.
 */
@Component
public class SecretResealing {

    private static final Logger log = LoggerFactory.getLogger(SecretResealing.class);

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final List<SealedColumn> columns;
    private final TransactionTemplate transactions;
    private final int batch;

    SecretResealing(JdbcClient jdbc, SecretSealer sealer, List<SealedColumn> columns, PlatformTransactionManager transactions,
            SealingProperties properties) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.columns = columns;
        this.transactions = new TransactionTemplate(transactions);
        this.batch = properties.resealBatch();
    }

    @Scheduled(initialDelayString = "${gateway.credentials.reseal-every:1h}",
            fixedDelayString = "${gateway.credentials.reseal-every:1h}")
    void scheduled() {
        try {
            reseal();
        } catch (RuntimeException e) {
            log.warn("re-sealing secrets under the current key failed; trying again at the next round", e);
        }
    }

    /**
     * Re-seals, under the current key, every secret sealed under another one.
     *
     * @return secrets re-sealed
     * @throws IllegalStateException naming the secret no key of the ring opens (the rest of its batch is kept as it was)
     */
    public int reseal() {
        int total = 0;
        for (SealedColumn column : columns) {
            long after = Long.MIN_VALUE;
            while (true) {
                long from = after;
                Round round = transactions.execute(status -> round(column, from));
                total += round.resealed();
                if (round.last() == null) {
                    break;
                }
                after = round.last();
            }
        }
        if (total > 0) {
            log.info("re-sealed {} secrets under the current credentials key", total);
        }
        return total;
    }

    /** @param last the last id read, null when none was left */
    private record Round(int resealed, Long last) {
    }

    private Round round(SealedColumn c, long after) {
        record Row(long id, byte[] blob) {
        }
        List<Row> rows = jdbc.sql("select %s as id, %s as blob from %s where %s is not null and %s > :after order by %s limit :batch"
                .formatted(c.idColumn(), c.column(), c.table(), c.column(), c.idColumn(), c.idColumn()))
                .param("after", after).param("batch", batch)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getBytes("blob"))).list();
        int resealed = 0;
        for (Row row : rows) {
            if (sealer.isCurrent(row.blob())) {
                continue;
            }
            String owner = c.owner(row.id());
            byte[] moved = sealer.seal(owner, sealer.open(owner, row.blob()));
            resealed += jdbc.sql("update %s set %s = :moved where %s = :id and %s = :was"
                    .formatted(c.table(), c.column(), c.idColumn(), c.column()))
                    .param("moved", moved).param("id", row.id()).param("was", row.blob()).update();
        }
        return new Round(resealed, rows.isEmpty() ? null : rows.getLast().id());
    }
}
