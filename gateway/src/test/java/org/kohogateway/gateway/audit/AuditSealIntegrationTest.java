package org.kohogateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entries are written without waiting on each other and sealed into the hash chain after commit, by one sealer, in
 * one order, none left out — a transaction that took its place early and commits late included.
 */
class AuditSealIntegrationTest extends IntegrationTest {

    private static final Duration SEALED_WITHIN = Duration.ofSeconds(2);

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    /** A thread for each transaction: the common pool may have a single one, taken by the open transaction. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** Other tests may have left a backlog (AuditExportIntegrationTest inserts 50,000 entries at once). */
    @BeforeEach
    void sealerCaughtUp() {
        Awaitility.await("the sealer caught up").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> audit.verify().waiting() == 0);
    }

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    @Test
    void aTransactionAuditsAndCommitsWhileAnotherHoldsItsEntryOpen() throws Exception {
        String subject = TestData.unique();
        try (OpenTransaction open = new OpenTransaction(subject, "HELD_OPEN")) {
            // would wait until the open one commits if entries were still chained under one lock
            CompletableFuture.runAsync(() -> record(subject, "COMMITTED_MEANWHILE"), threads).get(3, TimeUnit.SECONDS);

            assertThat(entries(subject)).extracting(AuditEntry::action).containsExactly("COMMITTED_MEANWHILE");
        }
        assertThat(entries(subject)).extracting(AuditEntry::action).containsExactly("COMMITTED_MEANWHILE",
                "HELD_OPEN");
    }

    @Test
    void anEntryOfALongTransactionThatCommitsAfterLaterOnesIsSealedNotSkipped() throws Exception {
        String subject = TestData.unique();
        try (OpenTransaction open = new OpenTransaction(subject, "EARLY_BUT_LATE")) {
            record(subject, "LATER");
            Thread.sleep(SEALED_WITHIN.toMillis());

            // the chain is in seq order: nothing after the open entry's place is sealed while it may still commit
            assertThat(entries(subject)).singleElement().satisfies(e -> assertThat(e.hash()).isNull());
            ChainVerification waiting = audit.verify();
            assertThat(waiting.intact()).as(waiting.toString()).isTrue();
            assertThat(waiting.waiting()).isPositive();
        }
        awaitSealed(subject, 2);

        List<AuditEntry> sealed = entries(subject);
        assertThat(sealed).extracting(AuditEntry::action).containsExactly("LATER", "EARLY_BUT_LATE");
        assertThat(sealed.getLast().seq()).isLessThan(sealed.getFirst().seq());
        assertThat(chainPosition(sealed.getLast())).isLessThan(chainPosition(sealed.getFirst()));
        ChainVerification result = audit.verify();
        assertThat(result.intact()).as(result.toString()).isTrue();
    }

    @Test
    void entriesAreSealedWithinTwoSecondsOfTheirCommit() {
        String subject = TestData.unique();
        record(subject, "QUICK");

        awaitSealed(subject, 1);

        assertThat(entries(subject).getFirst().hash()).hasSize(64);
    }

    @Test
    void theDatabaseRefusesChangesToSealedAndUnsealedEntriesAndToSeals() throws Exception {
        String subject = TestData.unique();
        record(subject, "SEALED");
        awaitSealed(subject, 1);
        long sealed = entries(subject).getFirst().id();
        try (OpenTransaction open = new OpenTransaction(TestData.unique(), "HOLDS_THE_CHAIN")) {
            record(subject, "UNSEALED");
            long unsealed = entries(subject).getFirst().id();
            assertThat(entries(subject).getFirst().hash()).isNull();

            for (long id : List.of(sealed, unsealed)) {
                assertRefused("update audit_entry set actor = 'someone-else' where id = " + id);
                assertRefused("delete from audit_entry where id = " + id);
            }
            long seq = entries(subject).getLast().seq();
            assertRefused("update audit_seal set hash = repeat('0', 64) where seq = " + seq);
            assertRefused("delete from audit_seal where seq = " + seq);
            assertRefused("truncate audit_seal");
        }
    }

    @Test
    void theSealerHashesEachEntryInTheFormTheDatabaseSpecifiesForAuditors() {
        String subject = TestData.unique() + "\u001f区切り";
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("職員A", "NO_STATES", "TEST", subject, null, null, Map.of());
            audit.record(AuditTrail.SYSTEM, "EMPTY_AND_NULL", "TEST", subject, "", null, Map.of("note", ""));
            audit.record(AuditTrail.SYSTEM, "JAPANESE", "TEST", subject, "下書き\u001f", "承認済み",
                    Map.of("本文", "大雨警報 🌧 \"引用\"\n改行", "nested", Map.of("n", 1.5, "list", List.of(1, "二"))));
        });
        awaitSealed(subject, 3);

        // the database's own functions (V85, V101) recompute every seal of these entries, the previous hash included
        List<Map<String, Object>> seals = jdbc.sql("""
                select s.chain_pos, s.hash,
                       encode(sha256(convert_to(case when s.chain_pos >= f.from_chain_pos
                                                     then audit_entry_canonical_v2(s.prev_hash, e)
                                                     else audit_entry_canonical(s.prev_hash, e) end, 'UTF8')), 'hex') as by_sql,
                       s.prev_hash = (select p.hash from audit_seal p where p.chain_pos = s.chain_pos - 1) as follows
                from audit_seal s join audit_entry e on e.seq = s.seq, audit_chain_form f
                where f.form = 2 and e.subject_id = :subject
                order by s.chain_pos
                """).param("subject", subject).query().listOfRows();
        assertThat(seals).hasSize(3).allSatisfy(seal -> {
            assertThat(seal.get("hash")).isEqualTo(seal.get("by_sql"));
            assertThat(seal.get("follows")).isEqualTo(true);
        });
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
    }

    private void record(String subject, String action) {
        new TransactionTemplate(transactions).executeWithoutResult(
                status -> audit.record(AuditTrail.SYSTEM, action, "TEST", subject, null, null, Map.of()));
    }

    private List<AuditEntry> entries(String subject) {
        return audit.find(AuditQuery.forSubject("TEST", subject));
    }

    private long chainPosition(AuditEntry entry) {
        return jdbc.sql("select chain_pos from audit_seal where seq = :seq").param("seq", entry.seq())
                .query(Long.class).single();
    }

    private void awaitSealed(String subject, int entries) {
        Awaitility.await("sealed").atMost(SEALED_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> entries(subject).stream().filter(e -> e.hash() != null).count() == entries);
    }

    /** A transaction that records an entry on a thread of its own and stays open until closed, then commits. */
    private final class OpenTransaction implements AutoCloseable {

        private final CountDownLatch inserted = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> done;

        OpenTransaction(String subject, String action) throws InterruptedException {
            done = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                audit.record(AuditTrail.SYSTEM, action, "TEST", subject, null, null, Map.of());
                inserted.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), threads);
            assertThat(inserted.await(10, TimeUnit.SECONDS)).as("the open transaction inserted its entry").isTrue();
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            done.get(10, TimeUnit.SECONDS);
        }
    }
}
