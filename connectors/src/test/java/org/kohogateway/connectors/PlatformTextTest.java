package org.kohogateway.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlatformTextTest {

    private static final URI PAGE = URI.create("https://www.city.gotsu.lg.jp/matsuri/");
    private static final URI MAP = URI.create("https://www.city.gotsu.lg.jp/map/");

    @Test
    void linksNotInTheTextFollowItOnTheirOwnLines() {
        assertThat(PlatformText.sent(Platform.X, "夏祭りのお知らせ", List.of(PAGE, MAP), false))
                .isEqualTo("夏祭りのお知らせ\n" + PAGE + "\n" + MAP);
        assertThat(PlatformText.sent(Platform.LINE, "詳しくは " + PAGE, List.of(PAGE), false))
                .as("already in the text: not repeated").isEqualTo("詳しくは " + PAGE);
        assertThat(PlatformText.sent(Platform.LINE, "", List.of(PAGE), false)).isEqualTo(PAGE.toString());
    }

    @Test
    void facebookWithoutAPhotoSendsTheFirstLinkAsItsCardAndTheOthersInTheMessage() {
        assertThat(PlatformText.sent(Platform.FACEBOOK, "夏祭り", List.of(PAGE, MAP), false)).isEqualTo("夏祭り\n" + MAP);
        assertThat(PlatformText.sent(Platform.FACEBOOK, "夏祭り", List.of(PAGE, MAP), true))
                .as("a photo's caption carries every link").isEqualTo("夏祭り\n" + PAGE + "\n" + MAP);
    }

    @Test
    void eachPlatformCountsInItsOwnWay() {
        String kanji = "祭".repeat(140);
        assertThat(PlatformText.length(Platform.X, kanji)).as("CJK weighs 2 on X").isEqualTo(280);
        assertThat(PlatformText.length(Platform.X, "見て " + PAGE)).as("a URL weighs 23").isEqualTo(4 + 1 + 23);
        assertThat(PlatformText.length(Platform.LINE, kanji)).isEqualTo(140);
        String emoji = "🎆".repeat(10);
        assertThat(PlatformText.length(Platform.INSTAGRAM, emoji)).as("code points").isEqualTo(10);
        assertThat(PlatformText.length(Platform.FACEBOOK, emoji)).as("UTF-16 units").isEqualTo(20);
        assertThat(PlatformText.length(Platform.YOUTUBE, kanji)).as("UTF-8 bytes of the description").isEqualTo(420);
        assertThat(PlatformText.length(Platform.YOUTUBE, " a<b> ")).as("stripped, < and > full-width")
                .isEqualTo(1 + 3 + 1 + 3);
    }

    @Test
    void eachPlatformHasItsLimit() {
        assertThat(List.of(Platform.values())).allSatisfy(p -> assertThat(PlatformText.limit(p)).isPositive());
        assertThat(PlatformText.limit(Platform.X)).isEqualTo(280);
        assertThat(PlatformText.limit(Platform.INSTAGRAM)).isEqualTo(2200);
        assertThat(PlatformText.limit(Platform.THREADS)).isEqualTo(500);
        assertThat(PlatformText.limit(Platform.YOUTUBE)).as("a description's bytes").isEqualTo(5000);
    }

    /** Meta: "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes." */
    @Test
    void threadsCountsCharactersButAnEmojiByItsUtf8Bytes() {
        assertThat(PlatformText.length(Platform.THREADS, "祭".repeat(500))).as("one per character, CJK too").isEqualTo(500);
        assertThat(PlatformText.length(Platform.THREADS, "見て " + PAGE)).as("a URL counts its characters")
                .isEqualTo(3 + PAGE.toString().length());
        assertThat(PlatformText.length(Platform.THREADS, "🎆")).as("an emoji: its 4 UTF-8 bytes").isEqualTo(4);
        assertThat(PlatformText.length(Platform.THREADS, "👍🏽")).as("with its skin tone: 8 bytes").isEqualTo(8);
        assertThat(PlatformText.length(Platform.THREADS, "🇯🇵")).as("a flag: two regional indicators").isEqualTo(8);
        assertThat(PlatformText.length(Platform.THREADS, "1️⃣")).as("a keycap").isEqualTo(7);
        assertThat(PlatformText.length(Platform.THREADS, "2025年1月#江津")).as("digits and # are no emoji").isEqualTo(10);
        assertThat(PlatformText.length(Platform.THREADS, "\u304b\u3099")).as("a decomposed kana is one character")
                .isEqualTo(1);
    }
}
