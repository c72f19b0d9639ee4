package org.kohogateway.gateway.policy;

/**
 * The NFKC text as a list term is compared with it: without the spaces and symbols people put between letters to get
 * past a filter (「バ・カ」, 「し ね」), with every long-vowel lookalike as ー, and — in {@link #folded} only — katakana
 * as hiragana and small kana as large ones, so one list entry covers バカ, ばか and ﾊﾞｶ. {@link #compact} keeps the
 * script, which the morphological analysis needs (バカンス is one word, ばかんす is not).
 */
final class KanaFolding {

    /** Marks that stand for a long vowel after kana (ｰ is already ー after NFKC). */
    private static final String LONG_VOWEL_LOOKALIKES = "ー-‐‑–—―−~〜～";
    private static final String SMALL = "ぁぃぅぇぉっゃゅょゎゕゖ";
    private static final String LARGE = "あいうえおつやゆよわかけ";

    final String compact;
    final String folded;
    private final int[] source;

    private KanaFolding(String compact, String folded, int[] source) {
        this.compact = compact;
        this.folded = folded;
        this.source = source;
    }

    static KanaFolding of(String nfkc) {
        StringBuilder compact = new StringBuilder(nfkc.length());
        StringBuilder folded = new StringBuilder(nfkc.length());
        int[] source = new int[nfkc.length()];
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            boolean afterKana = !compact.isEmpty() && isKana(compact.charAt(compact.length() - 1));
            if (LONG_VOWEL_LOOKALIKES.indexOf(c) >= 0 && afterKana) {
                c = 'ー';
            } else if (ignorable(c)) {
                continue;
            }
            source[compact.length()] = i;
            compact.append(c);
            folded.append(fold(c));
        }
        return new KanaFolding(compact.toString(), folded.toString(), source);
    }

    /** Offset in the NFKC text of a character of {@link #compact} / {@link #folded}. */
    int source(int at) {
        return source[at];
    }

    private static boolean ignorable(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.MATH_SYMBOL, Character.OTHER_SYMBOL,
                    Character.MODIFIER_SYMBOL -> true;
            default -> false;
        };
    }

    private static boolean isKana(char c) {
        return (c >= 'ぁ' && c <= 'ゖ') || (c >= 'ァ' && c <= 'ヺ') || c == 'ー';
    }

    private static char fold(char c) {
        char hiragana = c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c;
        int small = SMALL.indexOf(hiragana);
        return small >= 0 ? LARGE.charAt(small) : hiragana;
    }
}
