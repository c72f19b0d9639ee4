package org.kohogateway.connectors.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.PublishOutcome;

class VideoPostTest {

    @Test
    void theTitleIsThePostsFirstLineThatIsNotBlank() {
        assertThat(VideoPost.title("\n  \n 【江津市】花火大会 \n本文")).isEqualTo("【江津市】花火大会");
    }

    @Test
    void aLongFirstLineIsCutToOneHundredCharactersWithAnEllipsis() {
        String title = VideoPost.title("あ".repeat(150));

        assertThat(title.codePointCount(0, title.length())).isEqualTo(100);
        assertThat(title).endsWith("…");
        assertThat(VideoPost.title("😀".repeat(100))).isEqualTo("😀".repeat(100));
    }

    @Test
    void angleBracketsTheApiRefusesBecomeTheirFullWidthForms() {
        assertThat(VideoPost.title("<お知らせ>")).isEqualTo("＜お知らせ＞");
        assertThat(VideoPost.description("a<b>c")).isEqualTo("a＜b＞c");
    }

    @Test
    void theDescriptionIsTheTextWithItsLinks() {
        VideoPost post = VideoPost.of(aPublication().text("花火大会").links(URI.create("https://www.city.gotsu.lg.jp/"))
                .media(YouTubeStubs.video(10)).build());

        assertThat(post.description()).isEqualTo("花火大会\nhttps://www.city.gotsu.lg.jp/");
    }

    @Test
    void aDescriptionOverFiveThousandBytesIsRefused() {
        VideoPost post = VideoPost.of(aPublication().text("あ".repeat(1667)).media(YouTubeStubs.video(10)).build());

        assertThat(post.refusal()).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(post.refusal().reason()).contains("5000 bytes", "5001");
        assertThat(VideoPost.of(aPublication().text("あ".repeat(1666)).media(YouTubeStubs.video(10)).build()).refusal())
                .isNull();
    }

    @Test
    void aVideoNeedsATitle() {
        assertThat(VideoPost.of(aPublication().text(" \n ").media(YouTubeStubs.video(10)).build()).refusal())
                .isInstanceOf(PublishOutcome.Permanent.class);
    }
}
