package org.kohogateway.gateway.policy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Where the words of a Japanese text begin and end, by morphological analysis (Lucene Kuromoji), so a list term is
 * found as a word and not inside another one: バカ in 「バカにする」 but not in 「バカンス」, 土人 not in 「土人形」.
 * Kuromoji's dictionary (some MB) is loaded on first use, not at startup; a tokenizer is cheap once it is loaded.
 * The user dictionary {@code policy/words.csv} holds the everyday compounds the system dictionary splits so that an
 * innocent word would look like a list term (紙くず, 土人形).
 */
final class Words {

    /**
     * Token boundaries of one text: a bit at every offset where a word starts, and one where a word ends; and the
     * end of the word each character belongs to.
     */
    record Boundaries(String text, BitSet starts, BitSet ends, int[] wordEnd) {

        /**
         * Whether {@code [start, end)} is a word, or the stem of one: a term ending in kanji followed in the same
         * word by kana only is that word conjugated (馬鹿げた, 殺せ), while a kanji after it makes another word (土人形).
         */
        boolean isWord(int start, int end) {
            if (!starts.get(start)) {
                return false;
            }
            if (ends.get(end)) {
                return true;
            }
            if (!Character.isIdeographic(text.codePointBefore(end))) {
                return false;
            }
            for (int i = end; i < wordEnd[end - 1]; i++) {
                if (Character.UnicodeBlock.of(text.charAt(i)) != Character.UnicodeBlock.HIRAGANA) {
                    return false;
                }
            }
            return true;
        }
    }

    private Words() {
    }

    private static final class Dictionary {
        // the holder idiom: loaded by the first check that finds a candidate term, once, thread-safely
        static final UserDictionary COMPOUNDS = load();

        private static UserDictionary load() {
            try (Reader in = new InputStreamReader(Words.class.getResourceAsStream("/policy/words.csv"),
                    StandardCharsets.UTF_8)) {
                return UserDictionary.open(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Boundaries of(String text) {
        BitSet starts = new BitSet(text.length() + 1);
        BitSet ends = new BitSet(text.length() + 1);
        int[] wordEnd = new int[text.length()];
        // NORMAL mode: compounds stay whole (SEARCH would split 違法ダウンロード and expose its parts)
        try (JapaneseTokenizer tokenizer = new JapaneseTokenizer(Dictionary.COMPOUNDS, true,
                JapaneseTokenizer.Mode.NORMAL)) {
            OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                starts.set(offset.startOffset());
                ends.set(offset.endOffset());
                Arrays.fill(wordEnd, offset.startOffset(), offset.endOffset(), offset.endOffset());
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Boundaries(text, starts, ends, wordEnd);
    }
}
