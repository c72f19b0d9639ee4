package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.gateway.account.ProfileCompliance.Gap;
import org.kohogateway.gateway.account.ProfileCompliance.Outcome;

class ProfileComplianceTest {

    private static final URI HOMEPAGE = URI.create("https://www.city.gotsu.lg.jp");

    private static ProfileCompliance.Result check(String description, String website, ReplyPolicy policy) {
        return ProfileCompliance.check(new ProfileReading.Profile("江津市観光", description, Optional.ofNullable(website)),
                policy, HOMEPAGE);
    }

    @Test
    void profileWithHomepageAndNoReplyNoticeIsCompliant() {
        var result = check("江津市観光振興課の公式アカウントです。コメントへの返信は行いません。https://www.city.gotsu.lg.jp",
                null, ReplyPolicy.NO_REPLIES);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLIANT);
        assertThat(result.gaps()).isEmpty();
    }

    @Test
    void homepageInTheWebsiteFieldCounts() {
        var result = check("江津市の公式アカウントです。", "https://www.city.gotsu.lg.jp/", ReplyPolicy.REPLIES_ALLOWED);

        assertThat(result.compliant()).isTrue();
    }

    @Test
    void homepageFollowedByJapanesePunctuationOrAPathCounts() {
        assertThat(check("一覧はhttps://www.city.gotsu.lg.jp。", null, ReplyPolicy.REPLIES_ALLOWED).compliant()).isTrue();
        assertThat(check("一覧（https://www.city.gotsu.lg.jp/soshiki/koho/）", null, ReplyPolicy.REPLIES_ALLOWED)
                .compliant()).isTrue();
        assertThat(check("HTTPS://WWW.CITY.GOTSU.LG.JP", null, ReplyPolicy.REPLIES_ALLOWED).compliant()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "公式サイト https://city.gotsu.lg.jp.example.com",
            "公式サイト https://www.city.gotsu.lg.jp.example.com/",
            "公式サイト http://www.city.gotsu.lg.jp",
            "公式サイト https://fake-www.city.gotsu.lg.jp",
            "公式サイト https://www.city.gotsu.lg.jpn.example",
            "公式サイト https://www.city.gotsu.lg.jp@evil.example.com/",
            "公式サイト https://www.city.gotsu.lg.jp:8443/",
            "公式サイト www.city.gotsu.lg.jp",
            "公式サイト ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｇｏｔｓｕ．ｌｇ．ｊｐ",
            "江津市の公式アカウントです。"})
    void lookalikeOrMissingHomepageIsFlagged(String description) {
        var result = check(description, null, ReplyPolicy.REPLIES_ALLOWED);

        assertThat(result.outcome()).as(description).isEqualTo(Outcome.NON_COMPLIANT);
        assertThat(result.gaps()).containsExactly(Gap.MISSING_HOMEPAGE_URL);
    }

    @Test
    void lookalikeInTheWebsiteFieldIsFlaggedToo() {
        var result = check("江津市の公式アカウントです。", "https://city.gotsu.lg.jp.example.com", ReplyPolicy.REPLIES_ALLOWED);

        assertThat(result.gaps()).containsExactly(Gap.MISSING_HOMEPAGE_URL);
    }

    @Test
    void homepageUnderAConfiguredPathMustBeUnderThatPath() {
        URI accountsPage = URI.create("https://www.city.gotsu.lg.jp/sns/");
        var elsewhere = ProfileCompliance.check(new ProfileReading.Profile("x",
                "https://www.city.gotsu.lg.jp/snsx/", Optional.empty()), ReplyPolicy.REPLIES_ALLOWED, accountsPage);
        var there = ProfileCompliance.check(new ProfileReading.Profile("x",
                "https://www.city.gotsu.lg.jp/sns/index.html", Optional.empty()), ReplyPolicy.REPLIES_ALLOWED,
                accountsPage);

        assertThat(elsewhere.gaps()).containsExactly(Gap.MISSING_HOMEPAGE_URL);
        assertThat(there.compliant()).isTrue();
    }

    @Test
    void noReplyAccountWithoutTheNoticeIsFlagged() {
        var result = check("江津市の公式アカウントです。ご質問にはお答えします。 https://www.city.gotsu.lg.jp", null,
                ReplyPolicy.NO_REPLIES);

        assertThat(result.outcome()).isEqualTo(Outcome.NON_COMPLIANT);
        assertThat(result.gaps()).containsExactly(Gap.MISSING_NO_REPLY_NOTICE);
    }

    @Test
    void accountThatRepliesNeedsNoNotice() {
        var result = check("江津市の公式アカウントです。 https://www.city.gotsu.lg.jp", null, ReplyPolicy.REPLIES_ALLOWED);

        assertThat(result.compliant()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"コメントへの返信は行っておりません。", "リプライはしません", "個別の返信はいたしません。",
            "返信 は 行いません", "We do not reply to comments.", "We don't reply to comments.",
            "返信・リプライには対応していません。", "コメントへの返信は行っていません", "リプライには応じておりません"})
    void noReplyNoticeIsRecognisedInItsUsualWordings(String notice) {
        var result = check("江津市公式。" + notice + " https://www.city.gotsu.lg.jp", null, ReplyPolicy.NO_REPLIES);

        assertThat(result.compliant()).as(notice).isTrue();
    }

    @Test
    void bothGapsAreReportedTogether() {
        var result = check("江津市の観光情報をお届けします。", "http://www.city.gotsu.lg.jp", ReplyPolicy.NO_REPLIES);

        assertThat(result.gaps()).containsExactlyInAnyOrder(Gap.MISSING_HOMEPAGE_URL, Gap.MISSING_NO_REPLY_NOTICE);
    }

    @Test
    void platformWithoutProfileTextIsNotCheckableRatherThanCompliant() {
        var result = ProfileCompliance.check(new ProfileReading.NotCheckable("LINE has no profile text"),
                ReplyPolicy.NO_REPLIES, HOMEPAGE);

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_CHECKABLE);
        assertThat(result.compliant()).isFalse();
        assertThat(result.gaps()).isEmpty();
        assertThat(result.reason()).contains("LINE");
    }

    @Test
    void failedReadingIsNeitherCompliantNorNonCompliant() {
        var result = ProfileCompliance.check(new ProfileReading.Failed("timeout"), ReplyPolicy.NO_REPLIES, HOMEPAGE);

        assertThat(result.outcome()).isEqualTo(Outcome.READ_FAILED);
        assertThat(result.compliant()).isFalse();
    }
}
