package org.kohogateway.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;

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
