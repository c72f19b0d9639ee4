package org.kohogateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The text an audit entry is hashed as in the chain, and its hash: the one home of the form for the sealer that
 * writes seals ({@link AuditSeals}) and the check that recomputes them ({@link ChainCheck}). The database keeps the
 * same forms as functions ({@code audit_entry_canonical} of V85, {@code audit_entry_canonical_v2} of V101), so an
 * auditor can recompute a hash with SQL alone; {@code AuditSealIntegrationTest} holds the two to the same text.
 *
 * <p>The fields, in order: the previous seal's hash, seq, the time ({@link #OCCURRED_AT}), actor, action, subject
 * type, subject id, before state, after state and the detail as {@code jsonb} prints it. Up to the switch-over
 * position ({@code audit_chain_form}) V5's form: the fields joined with U+001F, null as empty; from it, each field as
 * its length in UTF-8 bytes, ':', the text and ';', null as '~;', so that no two entries share a text.
 */
final class ChainForm {

    /** The previous hash of the chain's first seal. */
    static final String GENESIS = "0".repeat(64);

    /** How an entry's time enters its text: read by this SQL expression, as the database functions write it. */
    static final String OCCURRED_AT = "to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private ChainForm() {
    }

    /**
     * @param lengthPrefixed whether the entry's chain position is at or after the switch-over to V101's form
     * @param fields         the entry's fields in the order above, the previous hash first
     */
    static String hash(boolean lengthPrefixed, @Nullable String... fields) {
        String text = lengthPrefixed ? lengthPrefixed(fields) : joined(fields);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** V5's form: ambiguous (a field may hold U+001F; null and empty look alike), kept for entries sealed in it. */
    static String joined(@Nullable String... fields) {
        String[] text = fields.clone();
        for (int i = 0; i < text.length; i++) {
            text[i] = text[i] == null ? "" : text[i];
        }
        return String.join("\u001f", text);
    }

    /** V101's form: each field as its length in UTF-8 bytes, ':', the text, ';' — null as '~;'. */
    static String lengthPrefixed(@Nullable String... fields) {
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            if (field == null) {
                canonical.append("~;");
            } else {
                canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(';');
            }
        }
        return canonical.toString();
    }
}
