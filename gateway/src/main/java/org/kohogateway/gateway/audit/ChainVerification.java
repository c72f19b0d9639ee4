package org.kohogateway.gateway.audit;

/**
 * The result of checking the audit trail's hash chain from its first entry.
 *
 * @param intact        every entry's hash matches its content and the hash of the entry before it
 * @param checked       entries checked
 * @param firstBrokenSeq position of the first entry that does not match (null when intact)
 * @param firstBrokenId id of that entry (null when intact)
 * @param problem       what is wrong with it
 * @param headHash      hash of the last entry: write it down (minutes, a signed e-mail) so a rewrite of the whole chain
 *                      is detectable too
 */
public record ChainVerification(boolean intact, long checked, Long firstBrokenSeq, Long firstBrokenId, String problem,
        String headHash) {
}
