package org.kohogateway.gateway.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.kohogateway.gateway.support.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anchors the audit chain: its verified head (position, seq, hash) signed with a key outside the database
 * ({@link AnchorSigner}), kept in {@code audit_anchor} and announced ({@link AuditAnchored}) so that the notification
 * module sends it to the auditors. Whoever could rewrite the trail and recompute every hash after it — the database's
 * owner — cannot sign, nor recall the copies the auditors hold; {@link AuditTrail#verify} then finds the rewrite.
 * On a schedule ({@code gateway.audit.anchor.every}) when the head has moved, and on demand (an auditor or admin).
 * Only a chain that verifies is anchored: an anchor must never bless a rewrite.
 */
@Service
public class AuditAnchors {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);
    /** Taken while the next anchor's number is chosen: instances anchoring at once take turns. */
    private static final long LOCK = 7310586;

    private final AuditTrail trail;
    private final AnchorSigner signer;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AuditAnchors(AuditTrail trail, AnchorSigner signer, JdbcClient jdbc, PlatformTransactionManager transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.trail = trail;
        this.signer = signer;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.clock = clock;
        if (!signer.canSign()) {
            log.warn("gateway.audit.anchor.key is not set: the audit chain is not anchored, and a rewrite of the trail "
                    + "by the database's owner would go unnoticed (docs/operations.md)");
        }
    }

    @Scheduled(initialDelayString = "${gateway.audit.anchor.every:1h}", fixedDelayString = "${gateway.audit.anchor.every:1h}")
    void scheduled() {
        if (!signer.canSign()) {
            return;
        }
        try {
            anchor(false);
        } catch (RuntimeException e) {
            log.error("the audit chain was not anchored: {}", e.getMessage(), e);
        }
    }

    /**
     * Anchors the chain's head now, even if it has not moved since the last anchor.
     *
     * @throws ConflictException when no key is configured, nothing is sealed yet, or the chain does not verify
     */
    public AuditAnchor anchorNow() {
        return anchor(true).orElseThrow();
    }

    /** Every anchor, oldest first. */
    public List<AuditAnchor> list() {
        return jdbc.sql("select * from audit_anchor order by number").query(AuditAnchors::anchor).list();
    }

    private Optional<AuditAnchor> anchor(boolean evenIfUnmoved) {
        if (!signer.canSign()) {
            throw new ConflictException("audit.anchor.noKey", "gateway.audit.anchor.key is not set");
        }
        ChainVerification chain = trail.verify();
        if (!chain.intact()) {
            throw new ConflictException("audit.anchor.broken", "the audit chain does not verify, so it is not "
                    + "anchored: " + chain.problem() + " (seq " + chain.firstBrokenSeq() + ")");
        }
        if (chain.headSeq() == null) {
            throw new ConflictException("audit.anchor.empty", "nothing is sealed in the audit chain yet");
        }
        return Optional.ofNullable(transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query((rs, n) -> 1).list();
            Optional<AuditAnchor> last = jdbc.sql("select * from audit_anchor order by number desc limit 1")
                    .query(AuditAnchors::anchor).optional();
            if (!evenIfUnmoved && last.isPresent() && last.get().chainPos() >= chain.checked()) {
                return null;
            }
            AuditAnchor unsigned = new AuditAnchor(last.map(AuditAnchor::number).orElse(0L) + 1, chain.checked(),
                    chain.headSeq(), chain.headHash(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                    signer.currentKeyId(), "");
            AuditAnchor anchor = new AuditAnchor(unsigned.number(), unsigned.chainPos(), unsigned.seq(),
                    unsigned.hash(), unsigned.anchoredAt(), unsigned.keyId(), signer.sign(unsigned));
            jdbc.sql("""
                    insert into audit_anchor (number, chain_pos, seq, hash, anchored_at, key_id, signature)
                    values (:number, :pos, :seq, :hash, :at, :key, :signature)
                    """).param("number", anchor.number()).param("pos", anchor.chainPos()).param("seq", anchor.seq())
                    .param("hash", anchor.hash()).param("at", Timestamp.from(anchor.anchoredAt()))
                    .param("key", anchor.keyId()).param("signature", anchor.signature()).update();
            events.publishEvent(new AuditAnchored(anchor));
            log.info("anchored the audit chain: anchor {} at position {} (seq {}), hash {}", anchor.number(),
                    anchor.chainPos(), anchor.seq(), anchor.hash());
            return anchor;
        }));
    }

    static List<AuditAnchor> all(JdbcOperations jdbc) {
        return jdbc.query("select * from audit_anchor order by number", AuditAnchors::anchor);
    }

    private static AuditAnchor anchor(ResultSet rs, int n) throws SQLException {
        return new AuditAnchor(rs.getLong("number"), rs.getLong("chain_pos"), rs.getLong("seq"), rs.getString("hash"),
                rs.getTimestamp("anchored_at").toInstant(), rs.getString("key_id"), rs.getString("signature"));
    }
}
