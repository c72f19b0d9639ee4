package org.kohogateway.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.twitter.twittertext.Extractor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one link parser: which addresses a text holds, and where a browser would really go. */
class LinksTest {

    private static List<String> hosts(String text) {
        return Links.in(text).stream().map(Links.Link::host).toList();
    }

    private static List<String> texts(String text) {
        return Links.in(text).stream().map(Links.Link::text).toList();
    }

    /**
     * Searching word by word finds what one search of the whole text finds, at the same offsets: texts built from
     * pieces that make and break addresses (schemes, hosts, IDN, paths, the characters before an address that
     * twitter-text refuses, every kind of white space, and characters its pattern allows that are not white space,
     * such as U+0085 or the ideographic full stop).
     */
    @Test
    void searchingWordByWordFindsWhatOneSearchOfTheWholeTextFinds() {
        Extractor whole = new Extractor();
        whole.setExtractURLWithoutProtocol(true);
        String[] pieces = {"https://", "http://", "HTTPS://", "www.", "city.gotsu.lg.jp", "t.co/abc12", ".jp", ".com",
            ".みんな", "/path", "/a_(b)", "?q=1&r=2", ":8080", "@", "＠", "#", "$", "-", "_", ".", ":", "/", "a", "Z",
            "1", "é", "江津", "日本語", "。", "、", "（", "）", " ", "  ", "\n", "\r\n", "\t", "\u3000", "\u00a0",
            "\u2028", "\u2029", "\u202f", "\u0085", "\u200b", "\u200e", "\u202a", "\ufeff", "bit.ly/x",
            "xn--9swmq.jp", "江津.jp", "例え.テスト", "😀", "0855-52-2501", "1.5km"};
        Random random = new Random(20261204);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<String> expected = new ArrayList<>();
            whole.extractURLsWithIndices(text.toString()).forEach(e -> expected.add(e.getStart() + "-" + e.getEnd()));

            assertThat(Links.extracted(text.toString()).stream().map(s -> s[0] + "-" + s[1]).toList())
                    .as("addresses in %s", text).isEqualTo(expected);
        }
    }

    @Test
    void userInformationBeforeTheAtIsNotTheHost() {
        assertThat(texts("詳細 https://www.city.gotsu.lg.jp@bit.ly/x を参照"))
                .containsExactly("https://www.city.gotsu.lg.jp@bit.ly/x");
        assertThat(hosts("https://www.city.gotsu.lg.jp@bit.ly/x")).containsExactly("bit.ly");
        assertThat(Links.hostOf("https://user:pass@example.com:8443/a")).isEqualTo("example.com");
    }

    @Test
    void ipLiteralsAreLinksToo() {
        assertThat(hosts("管理画面 http://192.168.0.1/admin です")).containsExactly("192.168.0.1");
        assertThat(hosts("https://[2001:db8::1]/x")).containsExactly("[2001:db8::1]");
    }

    @Test
    void idnHostsAreJudgedInTheirAsciiForm() {
        assertThat(hosts("https://江津.jp/kanko")).containsExactly("xn--9swmq.jp");
        // a Cyrillic "о" is not a Latin "o"
        assertThat(Links.hostOf("https://www.city.g\u043etsu.lg.jp/")).startsWith("www.city.xn--").isNotEqualTo(
                "www.city.gotsu.lg.jp");
    }

    @Test
    void schemeLessAddressesAreFound() {
        assertThat(hosts("www.city.gotsu.lg.jp/kanko と bit.ly/abc")).containsExactly("www.city.gotsu.lg.jp", "bit.ly");
    }

    @Test
    void fullWidthFormsAreFoundOnceFolded() {
        String folded = Normalizer.normalize("ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ", Normalizer.Form.NFKC);

        assertThat(hosts(folded)).containsExactly("bit.ly");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "詳しくは https://www.city.gotsu.lg.jp/kanko. ご覧ください | https://www.city.gotsu.lg.jp/kanko",
            "(https://www.city.gotsu.lg.jp/a) | https://www.city.gotsu.lg.jp/a",
            "https://www.city.gotsu.lg.jp/a?x=1, 次へ | https://www.city.gotsu.lg.jp/a?x=1",
            "見て！https://www.city.gotsu.lg.jp/b! | https://www.city.gotsu.lg.jp/b",
    })
    void trailingPunctuationEndsTheAddress(String text, String address) {
        assertThat(texts(text)).containsExactly(address);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://www.city.gotsu.lg.jp/kanko詳しくはこちら | https://www.city.gotsu.lg.jp/kanko",
            "https://bit.ly/abcをご覧ください | https://bit.ly/abc",
            "「https://www.city.gotsu.lg.jp/」から | https://www.city.gotsu.lg.jp/",
            "https://www.city.gotsu.lg.jp/a、https://bit.ly/b。 | https://www.city.gotsu.lg.jp/a",
    })
    void japaneseTextDirectlyAfterAnAddressIsNotPartOfIt(String text, String first) {
        assertThat(texts(text).getFirst()).isEqualTo(first);
    }

    @Test
    void spansPointIntoTheText() {
        String text = "案内 https://bit.ly/abc まで";
        Links.Link link = Links.in(text).getFirst();

        assertThat(text.substring(link.start(), link.end())).isEqualTo("https://bit.ly/abc");
    }
}
