package org.kohogateway.gateway.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes the seals that link committed entries into the hash chain, in seq order after the chain's head: one
 * transaction reads a batch of entries, hashes them here ({@link ChainForm}) and inserts their seals in one statement.
 *
 * <p>Hashed in the database before (V85's {@code audit_seal}, one entry at a time in PL/pgSQL), an entry cost 0.24 ms
 * of PostgreSQL's CPU, and one core sealed about 4,000 a second: at the dispatcher's two entries a delivery, that was
 * most of a core at 1,280 deliveries a second (docs/benchmarks.md). Which instance seals is still decided in the
 * database: the transaction-scoped advisory try-lock V85's function took, and V101's switch-over waits for.
 */
final class AuditSeals {

    /** The chain's lock (V85, V101): one sealer at a time, whichever instance. */
    private static final long CHAIN_LOCK = 7310585;

    private final JdbcClient jdbc;
    private final TransactionOperations transaction;

    AuditSeals(JdbcClient jdbc, TransactionOperations transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    private record Head(long chainPos, long seq, String hash) {
    }

    /**
     * Seals, after the chain's head, the entries with seq up to {@code upTo}, at most {@code max} of them. The caller
     * passes an {@code upTo} no transaction still running can insert below ({@link AuditSealer}): then every entry up
     * to it is either visible here or was rolled back, and none is skipped.
     *
     * @return how many were sealed, or -1 when another sealer holds the chain
     */
    int sealUpTo(long upTo, int max) {
        Integer sealed = transaction.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query(Boolean.class)
                    .single()) {
                return -1;
            }
            // read after the lock is taken, so it sees the seals of the sealer that held it before
            Head head = jdbc.sql("select chain_pos, seq, hash from audit_seal order by chain_pos desc limit 1")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getLong(2), rs.getString(3))).optional()
                    .orElse(new Head(0, 0, ChainForm.GENESIS));
            long lengthPrefixedFrom = jdbc.sql("select from_chain_pos from audit_chain_form where form = 2")
                    .query(Long.class).single();
            List<Long> positions = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<String> previous = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            var chain = new Object() {
                long pos = head.chainPos();
                String prev = head.hash();
            };
            jdbc.sql("""
                    select e.seq, %s as at, e.actor, e.action, e.subject_type, e.subject_id, e.before_state,
                           e.after_state, e.detail::text as detail
                    from audit_entry e
                    where e.seq > :head and e.seq <= :upTo
                    order by e.seq
                    limit :max
                    """.formatted(ChainForm.OCCURRED_AT))
                    .param("head", head.seq()).param("upTo", upTo).param("max", max)
                    .query(rs -> {
                        long seq = rs.getLong("seq");
                        chain.pos++;
                        String hash = ChainForm.hash(chain.pos >= lengthPrefixedFrom, chain.prev, Long.toString(seq),
                                rs.getString("at"), rs.getString("actor"), rs.getString("action"),
                                rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("before_state"),
                                rs.getString("after_state"), rs.getString("detail"));
                        positions.add(chain.pos);
                        seqs.add(seq);
                        previous.add(chain.prev);
                        hashes.add(hash);
                        chain.prev = hash;
                    });
            if (seqs.isEmpty()) {
                return 0;
            }
            jdbc.sql("""
                    insert into audit_seal (chain_pos, seq, prev_hash, hash)
                    select * from unnest(cast(:positions as bigint[]), cast(:seqs as bigint[]),
                                         cast(:previous as text[]), cast(:hashes as text[]))
                    """)
                    .param("positions", positions.toArray(Long[]::new)).param("seqs", seqs.toArray(Long[]::new))
                    .param("previous", previous.toArray(String[]::new)).param("hashes", hashes.toArray(String[]::new))
                    .update();
            return seqs.size();
        });
        return sealed == null ? 0 : sealed;
    }
}
