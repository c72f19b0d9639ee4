package org.kohogateway.gateway.policy;

import java.text.Normalizer;
import java.util.List;

import org.kohogateway.connectors.Links;

/**
 * The text in NFKC form (full-width digits, letters and URLs become ASCII) with a map back to the original offsets,
 * so rules match lookalikes but report spans in the text the poster wrote. Normalised code point by code point, which
 * is exact for the width variants the rules care about.
 */
final class NormalizedText {

    final String original;
    final String normalized;
    private final int[] originalStart;
    private final int[] originalEnd;
    /** Found on first use: the link parser is most of a check's time, and several rules (and targets) read them. */
    private List<Links.Link> links;

    private NormalizedText(String original, String normalized, int[] originalStart, int[] originalEnd) {
        this.original = original;
        this.normalized = normalized;
        this.originalStart = originalStart;
        this.originalEnd = originalEnd;
    }

    static NormalizedText of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] starts = new int[text.length() * 3 + 1];
        int[] ends = new int[text.length() * 3 + 1];
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            String piece = cp < 0x80 ? Character.toString(cp) : Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
            if (isVoicingMark(piece) && !out.isEmpty()) {
                // half-width ﾊﾞ arrives as ハ + a combining mark: compose it so "ﾊﾞｶ" matches "バカ"
                String composed = Normalizer.normalize(out.charAt(out.length() - 1) + piece, Normalizer.Form.NFC);
                if (composed.length() == 1) {
                    out.setCharAt(out.length() - 1, composed.charAt(0));
                    ends[out.length() - 1] = next;
                    i = next;
                    continue;
                }
            }
            for (int k = 0; k < piece.length(); k++) {
                int at = out.length() + k;
                if (at >= starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                    ends = java.util.Arrays.copyOf(ends, ends.length * 2);
                }
                starts[at] = i;
                ends[at] = next;
            }
            out.append(piece);
            i = next;
        }
        return new NormalizedText(text, out.toString(), starts, ends);
    }

    /** The links in the normalized text ({@link Links#in}), parsed once however many rules ask. */
    List<Links.Link> links() {
        if (links == null) {
            links = List.copyOf(Links.in(normalized));
        }
        return links;
    }

    private static boolean isVoicingMark(String piece) {
        return piece.length() == 1 && (piece.charAt(0) == '\u3099' || piece.charAt(0) == '\u309A');
    }

    int originalStart(int normalizedStart) {
        return normalizedStart >= normalized.length() ? original.length() : originalStart[normalizedStart];
    }

    int originalEnd(int normalizedEnd) {
        return normalizedEnd == 0 ? 0 : originalEnd[normalizedEnd - 1];
    }

    String originalSpan(int normalizedStart, int normalizedEnd) {
        return original.substring(originalStart(normalizedStart), originalEnd(normalizedEnd));
    }
}
