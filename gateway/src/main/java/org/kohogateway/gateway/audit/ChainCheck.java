package org.kohogateway.gateway.audit;

import java.util.List;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Recomputes the hash chain from the entries as they are now ({@link ChainForm}), and stops at the first sealed entry
 * that was changed or removed, at the first seal removed, and at any committed entry the chain passed by without
 * sealing it. Entries after the head that are not sealed yet are counted as waiting: they are
 * not broken, only not linked yet ({@link AuditSealer}).
 *
 * <p>Then the anchors ({@link AuditAnchors}): each must carry a good signature, none may be missing, and the chain
 * must pass through each anchored hash at its position. A chain rewritten and recomputed from some entry on is
 * internally consistent, so only this finds it; the check names the first entry after the last anchor that still
 * matches, the earliest one the rewrite can have touched.
 *
 * <p>An entry is hashed in the form of its chain position ({@code audit_chain_form}, V101; {@link ChainForm}).
 */
final class ChainCheck {

    private ChainCheck() {
    }

    static ChainVerification run(NamedParameterJdbcTemplate streaming, AnchorSigner signer) {
        long lengthPrefixedFrom = streaming.getJdbcOperations().queryForObject(
                "select from_chain_pos from audit_chain_form where form = 2", Long.class);
        List<AuditAnchor> anchorList = AuditAnchors.all(streaming.getJdbcOperations());
        for (int i = 0; i < anchorList.size(); i++) {
            AuditAnchor anchor = anchorList.get(i);
            String problem = anchor.number() != i + 1 ? "anchor " + (i + 1) + " is missing (an anchor was removed)"
                    : signer.problem(anchor);
            if (problem != null) {
                return new ChainVerification(false, 0, null, null, problem, null, 0, null, anchorList.size());
            }
        }
        TreeMap<Long, AuditAnchor> anchors = new TreeMap<>();
        anchorList.forEach(a -> anchors.put(a.chainPos(), a));
        var state = new Object() {
            long checked;
            String previous = ChainForm.GENESIS;
            long headSeq;
            ChainVerification broken;
            long anchoredThrough;
            Long firstUnanchoredSeq;
            Long firstUnanchoredId;
        };
        // a left join from the seals: a seal whose entry is gone shows with a null id
        streaming.getJdbcOperations().query("""
                select s.chain_pos, s.seq, s.prev_hash, s.hash, e.id, e.actor, e.action, e.subject_type, e.subject_id,
                       e.before_state, e.after_state, e.detail::text as detail,
                       %s as at
                from audit_seal s left join audit_entry e on e.seq = s.seq
                order by s.chain_pos
                """.formatted(ChainForm.OCCURRED_AT), rs -> {
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
                String[] fields = { rs.getString("prev_hash"), Long.toString(seq), rs.getString("at"),
                        rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
                        rs.getString("subject_id"), rs.getString("before_state"), rs.getString("after_state"),
                        rs.getString("detail") };
                boolean lengthPrefixed = rs.getLong("chain_pos") >= lengthPrefixedFrom;
                if (!ChainForm.hash(lengthPrefixed, fields).equals(rs.getString("hash"))) {
                    problem = "its content does not match its hash (the entry was changed)";
                }
            }
            if (problem != null) {
                state.broken = new ChainVerification(false, state.checked, seq, id, problem, null, 0, null,
                        anchors.size());
                return;
            }
            state.checked++;
            state.headSeq = seq;
            state.previous = rs.getString("hash");
            if (state.firstUnanchoredSeq == null) {
                state.firstUnanchoredSeq = seq;
                state.firstUnanchoredId = id;
            }
            AuditAnchor anchor = anchors.get(state.checked);
            if (anchor != null) {
                if (!anchor.hash().equals(state.previous) || anchor.seq() != seq) {
                    state.broken = new ChainVerification(false, state.checked, state.firstUnanchoredSeq,
                            state.firstUnanchoredId, "the chain from this entry on was rewritten: at position "
                                    + state.checked + " it no longer reaches the hash of anchor " + anchor.number()
                                    + " (" + anchor.anchoredAt() + ")", null, 0, null, anchors.size());
                    return;
                }
                state.anchoredThrough = state.checked;
                state.firstUnanchoredSeq = null;
                state.firstUnanchoredId = null;
            }
        });
        if (state.broken != null) {
            return state.broken;
        }
        if (!anchors.isEmpty() && anchors.lastKey() > state.checked) {
            AuditAnchor last = anchors.lastEntry().getValue();
            return new ChainVerification(false, state.checked, last.seq(), null, "the chain ends at position "
                    + state.checked + " but anchor " + last.number() + " covers " + last.chainPos()
                    + " entries (entries were removed)", null, 0, null, anchors.size());
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
                    "the chain passed it by (an entry inserted behind the sealer's back)", null, 0, null,
                    anchors.size());
        }
        return new ChainVerification(true, state.checked, null, null, null, state.previous,
                ((Number) unsealed.get("waiting")).longValue(), state.checked == 0 ? null : state.headSeq,
                anchors.size());
    }
}
