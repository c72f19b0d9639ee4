package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/** The rules that look at more than the text: replies, quotes, platform limits and required images. */
class StructuredRulesTest {

    private static final Candidate.Target X_NO_REPLY = new Candidate.Target(1, Platform.X, ReplyPolicy.NO_REPLIES);
    private static final Candidate.Target X_REPLIES = new Candidate.Target(2, Platform.X, ReplyPolicy.REPLIES_ALLOWED);
    private static final Candidate.Target LINE = new Candidate.Target(3, Platform.LINE, ReplyPolicy.NO_REPLIES);
    private static final Candidate.Target FACEBOOK = new Candidate.Target(4, Platform.FACEBOOK, ReplyPolicy.NO_REPLIES);
    private static final Candidate.Target INSTAGRAM = new Candidate.Target(5, Platform.INSTAGRAM, ReplyPolicy.REPLIES_ALLOWED);
    private static final URI IMAGE = URI.create("https://www.city.gotsu.lg.jp/img/matsuri.jpg");
    private static final String PROPOSAL = "https://www.city.gotsu.lg.jp/teian/2026-041";
    /** The city's own accounts' handles, as OfficialAccounts derives them from the accounts' addresses. */
    private static final Map<Platform, Set<String>> HANDLES = Map.of(Platform.X, Set.of("gotsu_city", "gotsu_kanko"),
            Platform.INSTAGRAM, Set.of("gotsu_official"));

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        String reply = "https://x.com/citizen/status/1";
        // NO_REPLY: a reply from a no-reply account is refused unless it answers a policy proposal or is an emergency
        for (int i = 0; i < 10; i++) {
            c.add(Arguments.of(RuleId.NO_REPLY, true, "reply #" + i,
                    new Candidate("ご意見ありがとうございます " + i, List.of(), List.of(), reply + i, null, false, false, null,
                            List.of(i % 2 == 0 ? X_NO_REPLY : FACEBOOK))));
        }
        c.add(Arguments.of(RuleId.NO_REPLY, true, "one of two targets forbids replies",
                new Candidate("返信", List.of(), List.of(), reply, null, false, false, null, List.of(X_REPLIES, LINE))));
        // the two exceptions of §6-③ are not silent: the approver acknowledges them; a proposal answer names the proposal
        for (int i = 0; i < 4; i++) {
            Candidate proposal = new Candidate("ご提案への回答です", List.of(), List.of(), reply, null, true, false, null,
                    List.of(X_NO_REPLY), PROPOSAL, HANDLES);
            c.add(Arguments.of(RuleId.NO_REPLY, false, "policy proposal answer #" + i, proposal));
            c.add(Arguments.of(RuleId.NO_REPLY_PROPOSAL, true, "policy proposal answer #" + i, proposal));
            Candidate emergency = new Candidate("避難所を開設しました", List.of(), List.of(), reply, null, false, true, null,
                    List.of(FACEBOOK));
            c.add(Arguments.of(RuleId.NO_REPLY, false, "emergency #" + i, emergency));
            c.add(Arguments.of(RuleId.NO_REPLY_EMERGENCY, true, "emergency #" + i, emergency));
        }
        Candidate unnamed = new Candidate("ご提案への回答です", List.of(), List.of(), reply, null, true, false, null,
                List.of(X_NO_REPLY));
        c.add(Arguments.of(RuleId.PROPOSAL_NOT_NAMED, true, "a proposal answer that names no proposal", unnamed));
        c.add(Arguments.of(RuleId.NO_REPLY_PROPOSAL, false, "a proposal answer that names no proposal", unnamed));
        c.add(Arguments.of(RuleId.PROPOSAL_NOT_NAMED, false, "a proposal answer on an account that may reply",
                new Candidate("ご提案への回答です", List.of(), List.of(), reply, null, true, false, null, List.of(X_REPLIES))));
        c.add(Arguments.of(RuleId.NO_REPLY_EMERGENCY, false, "an emergency post that comments on nobody",
                new Candidate("避難所を開設しました", List.of(), List.of(), null, null, false, true, null, List.of(X_NO_REPLY))));
        // no comment on others (§6-③): quoting others and mentioning accounts that are not the city's are refused too
        for (String q : List.of("https://x.com/citizen/status/9", "https://twitter.com/news_jp/status/8",
                "https://www.facebook.com/someone/posts/3", "https://www.instagram.com/p/abc/",
                "https://news.example.jp/article/9")) {
            c.add(Arguments.of(RuleId.NO_REPLY, true, "quotes " + q,
                    new Candidate("引用します", List.of(), List.of(), null, q, false, false, null, List.of(X_NO_REPLY),
                            null, HANDLES)));
            c.add(Arguments.of(RuleId.NO_REPLY, false, "may quote " + q,
                    new Candidate("引用します", List.of(), List.of(), null, q, false, false, null, List.of(X_REPLIES),
                            null, HANDLES)));
        }
        for (String q : List.of("https://x.com/gotsu_city/status/9", "https://twitter.com/Gotsu_Kanko/status/8",
                "https://www.city.gotsu.lg.jp/news/1")) {
            c.add(Arguments.of(RuleId.NO_REPLY, false, "quotes the city's own " + q,
                    new Candidate("引用します", List.of(), List.of(), null, q, false, false, null, List.of(X_NO_REPLY),
                            null, HANDLES)));
        }
        for (String text : List.of("@citizen さんありがとうございます", "イベント情報は＠news_jp をご覧ください",
                "協力: @shimane_pref と @gotsu_city", ".@someone お知らせ")) {
            c.add(Arguments.of(RuleId.NO_REPLY, true, "mentions others: " + text,
                    new Candidate(text, List.of(), List.of(), null, null, false, false, null, List.of(X_NO_REPLY),
                            null, HANDLES)));
            c.add(Arguments.of(RuleId.NO_REPLY, false, "may mention: " + text,
                    new Candidate(text, List.of(), List.of(), null, null, false, false, null, List.of(X_REPLIES),
                            null, HANDLES)));
        }
        for (String text : List.of("詳しくは @gotsu_city へ", "@GOTSU_KANKO と @gotsu_city で発信中",
                "問い合わせ info@city.gotsu.lg.jp", "メール kikaku@example.jp まで", "10時@市役所")) {
            c.add(Arguments.of(RuleId.NO_REPLY, false, "no other account: " + text,
                    new Candidate(text, List.of(), List.of(), null, null, false, false, null, List.of(X_NO_REPLY),
                            null, HANDLES)));
        }
        c.add(Arguments.of(RuleId.NO_REPLY, true, "the city's X handle is not its Instagram handle",
                new Candidate("@gotsu_city をフォロー", List.of(), List.of(IMAGE), null, null, false, false, null,
                        List.of(new Candidate.Target(6, Platform.INSTAGRAM, ReplyPolicy.NO_REPLIES)), null, HANDLES)));
        // Instagram (and Facebook) handles may hold dots, which X's do not: the whole handle is the city's or not
        Map<Platform, Set<String>> dotted = Map.of(Platform.INSTAGRAM, Set.of("gotsu.official"));
        Candidate.Target instagramNoReply = new Candidate.Target(7, Platform.INSTAGRAM, ReplyPolicy.NO_REPLIES);
        c.add(Arguments.of(RuleId.NO_REPLY, false, "the city's dotted Instagram handle",
                new Candidate("@gotsu.official をフォローしてください。", List.of(), List.of(IMAGE), null, null, false,
                        false, null, List.of(instagramNoReply), null, dotted)));
        for (String text : List.of("@gotsu さんの写真", "@gotsu.official.fan さんの写真", "@other.user さんの写真")) {
            c.add(Arguments.of(RuleId.NO_REPLY, true, "another Instagram account: " + text,
                    new Candidate(text, List.of(), List.of(IMAGE), null, null, false, false, null,
                            List.of(instagramNoReply), null, dotted)));
        }
        c.add(Arguments.of(RuleId.NO_REPLY, false, "account allows replies",
                new Candidate("返信", List.of(), List.of(), reply, null, false, false, null, List.of(X_REPLIES))));
        c.add(Arguments.of(RuleId.NO_REPLY, false, "not a reply",
                new Candidate("お知らせ", List.of(), List.of(), null, null, false, false, null, List.of(X_NO_REPLY))));
        // QUOTE_OF_OTHERS: quoting someone else's post needs acknowledgement; quoting the city's own site does not
        List<String> others = List.of("https://x.com/someone/status/1", "https://twitter.com/a/status/2",
                "https://www.facebook.com/someone/posts/3", "https://www.instagram.com/p/abc/",
                "https://city.gotsu.lg.jp.example.com/p/1", "https://www.pref.shimane.lg.jp/news/1",
                "https://news.example.jp/article/9", "https://note.com/x/n/1", "https://x.com/gotsu_kanko/status/5",
                "https://line.me/R/home/public/post?id=1");
        for (String q : others) {
            c.add(Arguments.of(RuleId.QUOTE_OF_OTHERS, true, q,
                    new Candidate("引用します", List.of(), List.of(), null, q, false, false, null, List.of(X_REPLIES))));
        }
        List<String> own = List.of("https://www.city.gotsu.lg.jp/news/1", "https://city.gotsu.lg.jp/a",
                "https://WWW.CITY.GOTSU.LG.JP/b", "https://www.city.gotsu.lg.jp/soshiki/2/3.html",
                "https://kanko.city.gotsu.lg.jp/event");
        for (String q : own) {
            c.add(Arguments.of(RuleId.QUOTE_OF_OTHERS, false, q,
                    new Candidate("引用します", List.of(), List.of(), null, q, false, false, null, List.of(X_REPLIES))));
        }
        // a post of one of the city's own accounts is not someone else's post either (one answer with NO_REPLY)
        for (String q : List.of("https://x.com/gotsu_city/status/9", "https://twitter.com/GOTSU_KANKO/status/8")) {
            c.add(Arguments.of(RuleId.QUOTE_OF_OTHERS, false, "the city's own account: " + q,
                    new Candidate("引用します", List.of(), List.of(), null, q, false, false, null, List.of(X_REPLIES),
                            null, HANDLES)));
        }
        for (int i = 0; i < 5; i++) {
            c.add(Arguments.of(RuleId.QUOTE_OF_OTHERS, false, "no quote #" + i,
                    new Candidate("お知らせ " + i, List.of(), List.of(), null, null, false, false, null, List.of(X_REPLIES))));
        }
        // PLATFORM_LIMIT: X counts CJK twice and URLs as 23 (twitter-text); LINE 5000 UTF-16; Instagram 2200; Facebook 63206
        c.add(limit(true, "X 141 CJK = 282", "江".repeat(141), X_REPLIES));
        c.add(limit(false, "X 140 CJK = 280", "江".repeat(140), X_REPLIES));
        c.add(limit(true, "X 281 ASCII", "a".repeat(281), X_REPLIES));
        c.add(limit(false, "X 280 ASCII", "a".repeat(280), X_REPLIES));
        c.add(limit(false, "X long URL counts 23", "江".repeat(128) + " https://www.city.gotsu.lg.jp/" + "p".repeat(200),
                X_REPLIES));
        c.add(limit(true, "X URL pushes over", "江".repeat(129) + " https://www.city.gotsu.lg.jp/", X_REPLIES));
        c.add(limit(true, "X full-width digits count 2", "１".repeat(141), X_REPLIES));
        c.add(limit(true, "LINE 5001", "a".repeat(5001), LINE));
        c.add(limit(false, "LINE 5000", "a".repeat(5000), LINE));
        c.add(limit(true, "LINE emoji are two UTF-16 units", "😀".repeat(2501), LINE));
        c.add(limit(false, "LINE 2500 emoji", "😀".repeat(2500), LINE));
        c.add(limit(true, "Instagram 2201", "あ".repeat(2201), INSTAGRAM));
        c.add(limit(false, "Instagram 2200", "あ".repeat(2200), INSTAGRAM));
        c.add(limit(true, "Facebook 63207", "a".repeat(63_207), FACEBOOK));
        c.add(limit(false, "Facebook 63206", "a".repeat(63_206), FACEBOOK));
        c.add(limit(true, "X fails while LINE fits", "江".repeat(200), X_REPLIES, LINE));
        c.add(limit(false, "LINE 300 CJK fits", "江".repeat(300), LINE));
        c.add(limit(false, "Facebook 5000 fits", "江".repeat(5000), FACEBOOK));
        c.add(limit(true, "LINE 6000 CJK", "江".repeat(6000), LINE));
        c.add(limit(true, "Instagram 3000", "a".repeat(3000), INSTAGRAM));
        c.add(limit(false, "X short", "秋祭り", X_REPLIES));
        // IMAGE_REQUIRED: Instagram only
        for (int i = 0; i < 10; i++) {
            c.add(Arguments.of(RuleId.IMAGE_REQUIRED, true, "Instagram without image #" + i,
                    new Candidate("写真なし " + i, List.of(), List.of(), null, null, false, false, null,
                            i % 2 == 0 ? List.of(INSTAGRAM) : List.of(LINE, INSTAGRAM))));
            c.add(Arguments.of(RuleId.IMAGE_REQUIRED, false, (i < 5 ? "Instagram with image #" : "no Instagram #") + i,
                    new Candidate("写真 " + i, List.of(), i < 5 ? List.of(IMAGE) : List.of(), null, null, false, false, null,
                            i < 5 ? List.of(INSTAGRAM) : List.of(LINE, X_REPLIES))));
        }
        // IMAGE_NOT_SUPPORTED: X and LINE up to four images; Facebook and Instagram up to ten
        URI second = URI.create("https://www.city.gotsu.lg.jp/img/2.jpg");
        List<URI> five = List.of(IMAGE, second, IMAGE, second, IMAGE);
        List<URI> eleven = java.util.Collections.nCopies(11, IMAGE);
        for (int i = 0; i < 5; i++) {
            c.add(Arguments.of(RuleId.IMAGE_NOT_SUPPORTED, true, "five images to X or LINE #" + i,
                    new Candidate("写真 5 枚 " + i, List.of(), five, null, null, false, false, null,
                            i % 2 == 0 ? List.of(X_REPLIES) : List.of(LINE, X_NO_REPLY))));
            c.add(Arguments.of(RuleId.IMAGE_NOT_SUPPORTED, true, "eleven images to Facebook or Instagram #" + i,
                    new Candidate("写真 11 枚 " + i, List.of(), eleven, null, null, false, false, null,
                            List.of(i % 2 == 0 ? FACEBOOK : INSTAGRAM))));
            c.add(Arguments.of(RuleId.IMAGE_NOT_SUPPORTED, false, "one image to any platform #" + i,
                    new Candidate("写真 1 枚 " + i, List.of(), List.of(IMAGE), null, null, false, false, null,
                            List.of(i % 4 == 0 ? FACEBOOK : i % 4 == 1 ? INSTAGRAM : i % 4 == 2 ? LINE : X_REPLIES))));
            c.add(Arguments.of(RuleId.IMAGE_NOT_SUPPORTED, false, "four images to X or LINE, ten to Instagram #" + i,
                    new Candidate("写真 " + i, List.of(), i % 2 == 0 ? List.of(IMAGE, second, IMAGE, second)
                            : java.util.Collections.nCopies(10, IMAGE), null, null, false, false, null,
                            List.of(i % 2 == 0 ? (i % 4 == 0 ? X_REPLIES : LINE) : INSTAGRAM))));
        }
        // images are judged by where they live, like links
        for (String host : List.of("bit.ly", "tinyurl.com", "t.co", "ow.ly", "is.gd")) {
            c.add(Arguments.of(RuleId.URL_SHORTENER, true, "image behind " + host,
                    new Candidate("写真", List.of(), List.of(URI.create("https://" + host + "/abc")), null, null, false,
                            false, null, List.of(LINE))));
        }
        c.add(Arguments.of(RuleId.BLOCKED_SITE, true, "image on a blocked site",
                new Candidate("写真", List.of(), List.of(URI.create("https://pornhub.com/a.jpg")), null, null, false,
                        false, null, List.of(LINE))));
        c.add(Arguments.of(RuleId.EXTERNAL_LINK, true, "image on another site",
                new Candidate("写真", List.of(), List.of(URI.create("https://images.example.com/a.jpg")), null, null,
                        false, false, null, List.of(LINE))));
        c.add(Arguments.of(RuleId.EXTERNAL_LINK, false, "image on the city's site",
                new Candidate("写真", List.of(), List.of(IMAGE), null, null, false, false, null, List.of(LINE))));
        c.add(Arguments.of(RuleId.URL_SHORTENER, false, "image on the city's site is no shortener",
                new Candidate("写真", List.of(), List.of(IMAGE), null, null, false, false, null, List.of(LINE))));
        // REFERENCE_NOT_SUPPORTED: since 2026 X's self-serve API tiers make no replies or quotes; the other platforms'
        // posts always stood alone: refused at submit, whatever the reference
        List<String> xPosts = List.of("https://x.com/citizen/status/11", "https://twitter.com/a_b/status/12",
                "https://mobile.twitter.com/c/status/13/", "https://www.x.com/d/status/14?s=20",
                "https://X.COM/e/status/15", "https://www.facebook.com/someone/posts/3", "https://x.com/citizen");
        for (String reference : xPosts) {
            c.add(Arguments.of(RuleId.REFERENCE_NOT_SUPPORTED, true, "X cannot answer " + reference,
                    new Candidate("返信", List.of(), List.of(), reference, null, false, false, null, List.of(X_REPLIES))));
            c.add(Arguments.of(RuleId.REFERENCE_NOT_SUPPORTED, true, "X cannot quote " + reference,
                    new Candidate("引用", List.of(), List.of(), null, reference, false, false, null, List.of(X_REPLIES))));
        }
        c.add(Arguments.of(RuleId.REFERENCE_NOT_SUPPORTED, false, "X standalone post",
                new Candidate("お知らせ", List.of(), List.of(), null, null, false, false, null, List.of(X_REPLIES))));
        for (Candidate.Target target : List.of(LINE, FACEBOOK, INSTAGRAM)) {
            c.add(Arguments.of(RuleId.REFERENCE_NOT_SUPPORTED, true, target.platform() + " cannot answer",
                    new Candidate("返信", List.of(), List.of(IMAGE), "https://x.com/a/status/1", null, true, false, null,
                            List.of(target))));
        }
        c.add(Arguments.of(RuleId.REFERENCE_NOT_SUPPORTED, true, "LINE cannot quote",
                new Candidate("引用", List.of(), List.of(), null, "https://x.com/a/status/1", false, false, null,
                        List.of(X_REPLIES, LINE))));
        c.add(Arguments.of(RuleId.REFERENCE_NOT_SUPPORTED, true, "Facebook cannot quote",
                new Candidate("引用", List.of(), List.of(), null, "https://www.facebook.com/a/posts/1", false, false, null,
                        List.of(FACEBOOK))));
        for (Candidate.Target target : List.of(LINE, FACEBOOK, INSTAGRAM)) {
            c.add(Arguments.of(RuleId.REFERENCE_NOT_SUPPORTED, false, target.platform() + " standalone post",
                    new Candidate("お知らせ", List.of(), List.of(IMAGE), null, null, false, false, null, List.of(target))));
        }
        return c.stream();
    }

    private static Arguments limit(boolean expected, String name, String text, Candidate.Target... targets) {
        return Arguments.of(RuleId.PLATFORM_LIMIT, expected, name,
                new Candidate(text, List.of(), List.of(IMAGE), null, null, false, false, null, List.of(targets)));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("cases")
    void findsExactlyWhatTheCaseSays(RuleId rule, boolean expected, String name, Candidate candidate) {
        List<Finding> findings = PolicyRules.check(candidate, PolicyCorpusTest.LISTS, Instant.now());

        assertThat(findings.stream().anyMatch(f -> f.rule() == rule)).as("%s %s: %s", rule, name, findings)
                .isEqualTo(expected);
    }
}
