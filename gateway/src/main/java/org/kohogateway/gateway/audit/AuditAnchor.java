package org.kohogateway.gateway.audit;

import java.time.Instant;

/**
 * The audit chain's head at a moment, signed with a key outside the database ({@link AnchorSigner}) and sent to the
 * auditors: a chain rewritten and recomputed afterwards no longer reaches the anchored hash at the anchored position.
 *
 * @param number     1, 2, 3… without gaps; signed, so a removed anchor shows
 * @param chainPos   the head's position in the chain (the number of entries the anchor covers)
 * @param seq        the head entry's seq
 * @param hash       the head's hash
 * @param anchoredAt when it was signed
 * @param keyId      the id of the key that signed it
 * @param signature  HMAC-SHA256 of {@link #signed()}, hex
 */
public record AuditAnchor(long number, long chainPos, long seq, String hash, Instant anchoredAt, String keyId,
        String signature) {

    /** The text the signature covers: fields that cannot hold the separator (numbers, hex, an ISO instant). */
    public String signed() {
        return "koho-gateway audit anchor v1|" + number + "|" + chainPos + "|" + seq + "|" + hash + "|" + anchoredAt
                + "|" + keyId;
    }
}
