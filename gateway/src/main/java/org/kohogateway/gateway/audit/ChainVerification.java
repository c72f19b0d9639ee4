package org.kohogateway.gateway.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of checking the audit trail's hash chain from its first entry.
 *
 * @param intact         every sealed entry's hash matches its content and the hash of the entry before it, none is
 *                       missing and none was left out of the chain
 * @param checked        sealed entries checked
 * @param firstBrokenSeq seq of the first entry that does not match (null when intact)
 * @param firstBrokenId  id of that entry (null when intact or when the entry is gone)
 * @param problem        what is wrong with it
 * @param headHash       hash of the last sealed entry: write it down (minutes, a signed e-mail) so a rewrite of the
 *                       whole chain is detectable too; anchors do it for you
 * @param waiting        committed entries after the head, not sealed yet (sealing follows commit within moments;
 *                       a transaction still open holds back the entries after its own)
 * @param headSeq        seq of the last sealed entry (null when nothing is sealed or the chain is broken)
 * @param anchors        anchors the chain was checked against ({@link AuditAnchor}); 0 means only the database
 *                       vouches for the chain
 */
public record ChainVerification(boolean intact, long checked, @Nullable Long firstBrokenSeq,
        @Nullable Long firstBrokenId, @Nullable String problem, @Nullable String headHash, long waiting,
        @Nullable Long headSeq, long anchors) {
}
