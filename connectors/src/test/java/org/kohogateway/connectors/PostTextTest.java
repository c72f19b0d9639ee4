package org.kohogateway.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PostTextTest {

    private static final String TEXT = "【江津市】本日17時から江の川河川敷で花火大会を開催します。";

    @Test
    void matchesTheSameText() {
        assertThat(PostText.matches(TEXT, TEXT)).isTrue();
    }

    @Test
    void ignoresDifferencesInWhitespace() {
        assertThat(PostText.matches("  江津市から\r\n\r\nお知らせ\t です ", "江津市から\nお知らせ です")).isTrue();
        assertThat(PostText.matches("江津市から お知らせ", "江津市からお知らせ")).isFalse();
    }

    @Test
    void letsAShortLinkStandForAnyUrl() {
        assertThat(PostText.matches("詳しくは https://t.co/Kx7fQ2mPzL をご覧ください",
                "詳しくは https://www.city.gotsu.lg.jp/kanko/hanabi.html をご覧ください")).isTrue();
    }

    @Test
    void requiresOtherUrlsToBeEqual() {
        assertThat(PostText.matches("詳しくは https://www.city.gotsu.lg.jp/ をご覧ください",
                "詳しくは https://WWW.city.gotsu.lg.jp をご覧ください")).isTrue();
        assertThat(PostText.matches("詳しくは https://example.com/ をご覧ください",
                "詳しくは https://www.city.gotsu.lg.jp/ をご覧ください")).isFalse();
    }

    @Test
    void acceptsLinksTheConnectorAppendedAfterTheText() {
        assertThat(PostText.matches(TEXT + "\nhttps://t.co/abc123\nhttps://t.co/def456", TEXT)).isTrue();
        assertThat(PostText.matches(TEXT + "\nhttps://t.co/abc123 ほか", TEXT)).isFalse();
    }

    @Test
    void findsAUrlWrittenDirectlyAgainstJapaneseText() {
        assertThat(PostText.matches("詳細はhttps://t.co/abc123をご覧ください", "詳細はhttps://www.city.gotsu.lg.jp/をご覧ください"))
                .isTrue();
    }

    @Test
    void readsTheHtmlEntitiesXWrites() {
        assertThat(PostText.matches("防災 &amp; 減災 &lt;お知らせ&gt;", "防災 & 減災 <お知らせ>")).isTrue();
    }

    @Test
    void comparesComposedAndDecomposedKanaAsEqual() {
        assertThat(PostText.matches("ガス", "カ\u3099ス")).isTrue();
    }

    @Test
    void doesNotMatchOtherOrShorterOrLongerTexts() {
        assertThat(PostText.matches("【江津市】本日17時から", TEXT)).isFalse();
        assertThat(PostText.matches(TEXT + "（雨天中止）", TEXT)).isFalse();
        assertThat(PostText.matches(null, TEXT)).isFalse();
        assertThat(PostText.matches(TEXT, " ")).isFalse();
    }

    @Test
    void aConnectorWithoutLookUpAnswersUnsupportedByDefault() {
        PlatformConnector bare = new PlatformConnector() {
            @Override
            public Platform platform() {
                return Platform.X;
            }

            @Override
            public boolean deduplicatesRetries() {
                return false;
            }

            @Override
            public PublishOutcome publish(Publication publication, java.util.function.BooleanSupplier mayContinue) {
                throw new AssertionError("not called");
            }

            @Override
            public DeleteOutcome delete(String platformPostId) {
                throw new AssertionError("not called");
            }

            @Override
            public ProfileReading readProfile() {
                throw new AssertionError("not called");
            }
        };

        assertThat(bare.findRecent(TEXT, Instant.now(), Set.of())).isInstanceOf(FindOutcome.Unsupported.class);
    }
}
