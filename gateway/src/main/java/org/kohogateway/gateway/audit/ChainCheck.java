package org.kohogateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Recomputes the hash chain in Java, independently of the database's own function ({@code audit_seal}), and stops at
 * the first sealed entry that was changed or removed, at the first seal removed, and at any committed entry the chain
 * passed by without sealing it. Entries after the head that are not sealed yet are counted as waiting: they are
 * not broken, only not linked yet ({@link AuditSealer}).
 */
final class ChainCheck {

    private static final String GENESIS = "0".repeat(64);

    private ChainCheck() {
    }

    static ChainVerification run(NamedParameterJdbcTemplate streaming) {
        var state = new Object() {
            long checked;
            String previous = GENESIS;
            long headSeq;
            ChainVerification broken;
        };
        // a left join from the seals: a seal whose entry is gone shows with a null id
        streaming.getJdbcOperations().query("""
                select s.chain_pos, s.seq, s.prev_hash, s.hash, e.id, e.actor, e.action, e.subject_type, e.subject_id,
                       e.before_state, e.after_state, e.detail::text as detail,
                       to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
                from audit_seal s left join audit_entry e on e.seq = s.seq
                order by s.chain_pos
                """, rs -> {
            if (state.broken != null) {
                return;
            }
            long seq = rs.getLong("seq");
            Long id = rs.getObject("id", Long.class);
            String problem = null;
            if (rs.getLong("chain_pos") != state.checked + 1) {
                problem = "the seal at chain position " + (state.checked + 1) + " is missing (an entry was removed)";
            } else if (id == null) {
                problem = "the entry was removed";
            } else if (!rs.getString("prev_hash").equals(state.previous)) {
                problem = "does not follow the entry before it (an entry was removed or changed)";
            } else {
                String canonical = String.join("\u001f", rs.getString("prev_hash"), Long.toString(seq),
                        rs.getString("at"), rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), nullToEmpty(rs.getString("before_state")),
                        nullToEmpty(rs.getString("after_state")), rs.getString("detail"));
                if (!sha256(canonical).equals(rs.getString("hash"))) {
                    problem = "its content does not match its hash (the entry was changed)";
                }
            }
            if (problem != null) {
                state.broken = new ChainVerification(false, state.checked, seq, id, problem, null, 0);
                return;
            }
            state.checked++;
            state.headSeq = seq;
            state.previous = rs.getString("hash");
        });
        if (state.broken != null) {
            return state.broken;
        }
        // the sealer links entries in seq order, so an unsealed entry below the head was passed by: left out
        var unsealed = streaming.getJdbcOperations().queryForMap("""
                select count(*) filter (where e.seq > ?) as waiting,
                       min(e.seq) filter (where e.seq < ?) as left_out
                from audit_entry e
                where not exists (select 1 from audit_seal s where s.seq = e.seq)
                """, state.headSeq, state.headSeq);
        if (unsealed.get("left_out") instanceof Number leftOut) {
            Long id = streaming.getJdbcOperations().queryForObject("select id from audit_entry where seq = ?",
                    Long.class, leftOut.longValue());
            return new ChainVerification(false, state.checked, leftOut.longValue(), id,
                    "the chain passed it by (an entry inserted behind the sealer's back)", null, 0);
        }
        return new ChainVerification(true, state.checked, null, null, null, state.previous,
                ((Number) unsealed.get("waiting")).longValue());
    }

    private static String nullToEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
