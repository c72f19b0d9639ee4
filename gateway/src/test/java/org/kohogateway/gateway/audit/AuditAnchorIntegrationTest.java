package org.kohogateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whoever owns the database can switch the triggers off, rewrite an entry and recompute every hash after it: the
 * chain then agrees with itself. The anchors — its head signed with a key the database does not hold — do not
 * (issue 21, point 2). The tests connect as a superuser, as such an owner would; each puts the trail back afterwards.
 */
class AuditAnchorIntegrationTest extends IntegrationTest {

    /** Rewrites the chain from a position on, hashing each entry in the form of its position, as the sealer does. */
    private static final String RECOMPUTE = """
            do $$
            declare
                s audit_seal;
                e audit_entry;
                prev text := (select hash from audit_seal where chain_pos = %d - 1);
                v2 bigint := (select from_chain_pos from audit_chain_form where form = 2);
            begin
                for s in select * from audit_seal where chain_pos >= %d order by chain_pos loop
                    select * into e from audit_entry where seq = s.seq;
                    prev := coalesce(prev, repeat('0', 64));
                    update audit_seal set prev_hash = prev, hash = encode(sha256(convert_to(case when s.chain_pos >= v2
                        then audit_entry_canonical_v2(prev, e) else audit_entry_canonical(prev, e) end, 'UTF8')), 'hex')
                    where chain_pos = s.chain_pos returning hash into prev;
                end loop;
            end;
            $$
            """;

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditAnchors anchors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    /** Something sealed to anchor, however empty the trail was; other tests may have left a backlog. */
    @BeforeEach
    void sealerCaughtUp() {
        String subject = TestData.unique();
        record(subject, "SOMETHING_TO_ANCHOR");
        awaitSealed(subject);
        Awaitility.await("the sealer caught up").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> audit.verify().waiting() == 0);
    }

    @Test
    void aRewrittenAndRecomputedChainIsCaughtByTheAnchorsAndTheRangeIsNamed() {
        AuditAnchor before = anchors.anchorNow();
        String subject = TestData.unique();
        record(subject, "TO_BE_REWRITTEN");
        AuditEntry entry = awaitSealed(subject);
        AuditAnchor after = anchors.anchorNow();
        assertThat(after.chainPos()).isGreaterThan(before.chainPos());
        ChainVerification anchored = audit.verify();
        assertThat(anchored.intact()).as(anchored.toString()).isTrue();
        assertThat(anchored.anchors()).isGreaterThanOrEqualTo(2);

        long position = chainPosition(entry);
        try {
            tamper(position, "update audit_entry set actor = 'someone-else' where id = " + entry.id());

            ChainVerification rewritten = audit.verify();
            assertThat(rewritten.intact()).as(rewritten.toString()).isFalse();
            assertThat(rewritten.problem()).contains("rewritten").contains("anchor " + after.number());
            assertThat(rewritten.firstBrokenSeq()).isGreaterThan(before.seq()).isLessThanOrEqualTo(entry.seq());
        } finally {
            tamper(position, "update audit_entry set actor = 'system' where id = " + entry.id());
        }
        ChainVerification restored = audit.verify();
        assertThat(restored.intact()).as(restored.toString()).isTrue();
    }

    @Test
    void aForgedAnchorIsCaught() {
        AuditAnchor anchor = anchors.anchorNow();
        String signature = anchor.signature();
        try {
            asOwner("update audit_anchor set hash = repeat('f', 64), signature = repeat('0', 64) where number = "
                    + anchor.number());

            ChainVerification forged = audit.verify();
            assertThat(forged.intact()).isFalse();
            assertThat(forged.problem()).contains("signature of anchor " + anchor.number());
        } finally {
            asOwner("update audit_anchor set hash = '" + anchor.hash() + "', signature = '" + signature
                    + "' where number = " + anchor.number());
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aScheduledRoundAnchorsOnlyAMovedHead() {
        AuditAnchor last = anchors.anchorNow();

        anchors.scheduled();
        assertThat(anchors.list().getLast()).isEqualTo(last);

        record(TestData.unique(), "MOVES_THE_HEAD");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> audit.verify().checked() > last.chainPos());
        anchors.scheduled();
        assertThat(anchors.list().getLast().number()).isEqualTo(last.number() + 1);
    }

    @Test
    void anAnchorIsMailedToTheAuditors() {
        String auditor = data.world().auditor();
        jdbc.sql("update staff set email = :address where username = :auditor").param("auditor", auditor)
                .param("address", auditor + "@city.example.jp").update();

        AuditAnchor anchor = anchors.anchorNow();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
                select count(*) from notification n join staff s on s.id = n.staff_id
                where n.kind = 'AUDIT_ANCHORED' and s.username = :auditor and n.body like :number
                """).param("auditor", auditor).param("number", "%\"number\":" + anchor.number() + ",%")
                .query(Long.class).single()).isOne());
    }

    @Test
    void entriesAreHashedInAFormWhereNoFieldCanPassForAnother() {
        assertThat(ChainForm.lengthPrefixed("a\u001fb", "c")).isNotEqualTo(ChainForm.lengthPrefixed("a", "b\u001fc"));
        assertThat(ChainForm.lengthPrefixed("", null)).isNotEqualTo(ChainForm.lengthPrefixed(null, ""));
        assertThat(ChainForm.lengthPrefixed("東", null)).isEqualTo("3:東;~;");
    }

    /** As the owner would: triggers off, the sealer held back, the statement, then the chain recomputed. */
    private void tamper(long fromPosition, String statement) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(7310585)").query((rs, n) -> 1).list();
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql(statement).update();
            jdbc.sql(RECOMPUTE.formatted(fromPosition, fromPosition)).update();
        });
    }

    private void asOwner(String statement) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql(statement).update();
        });
    }

    private long chainPosition(AuditEntry entry) {
        return jdbc.sql("select chain_pos from audit_seal where seq = :seq").param("seq", entry.seq())
                .query(Long.class).single();
    }

    private void record(String subject, String action) {
        new TransactionTemplate(transactions).executeWithoutResult(
                status -> audit.record(AuditTrail.SYSTEM, action, "TEST", subject, null, null, Map.of()));
    }

    private AuditEntry awaitSealed(String subject) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> audit.find(AuditQuery.forSubject("TEST", subject))
                .stream().allMatch(e -> e.hash() != null));
        List<AuditEntry> entries = audit.find(AuditQuery.forSubject("TEST", subject));
        return entries.getFirst();
    }
}
