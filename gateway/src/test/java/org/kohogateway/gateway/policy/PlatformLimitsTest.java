package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/**
 * The compose page's counters ({@link PlatformLimits#counts}) and the PLATFORM_LIMIT rule agree on every platform, at
 * the limit and one past it, with links appended, a link card and a photo.
 */
class PlatformLimitsTest {

    private static final URI PAGE = URI.create("https://www.city.gotsu.lg.jp/matsuri/");
    private static final URI MAP = URI.create("https://www.city.gotsu.lg.jp/map/");
    private static final URI PHOTO = URI.create("https://www.city.gotsu.lg.jp/img/matsuri.jpg");

    static Stream<Arguments> posts() {
        List<Arguments> posts = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            for (int extra : new int[] { -1, 0, 1 }) {
                posts.add(Arguments.of(platform, atLimit(platform, extra), List.of(), List.of()));
                posts.add(Arguments.of(platform, atLimit(platform, extra), List.of(PAGE), List.of()));
                posts.add(Arguments.of(platform, atLimit(platform, extra), List.of(PAGE, MAP), List.of(PHOTO)));
            }
        }
        return posts.stream();
    }

    /** A text whose own length is the platform's limit plus {@code extra}, counted as that platform counts. */
    private static String atLimit(Platform platform, int extra) {
        return switch (platform) {
            case X -> extra < 0 ? "祭".repeat(139) + "a" : "祭".repeat(140) + "a".repeat(extra);
            case LINE -> "あ".repeat(5000 + extra);
            case INSTAGRAM -> "🎆".repeat(2200 + extra);
            case FACEBOOK -> "あ".repeat(63_206 + extra);
            // a thumbs-up with a skin tone: one grapheme, two code points, four UTF-16 units
            case BLUESKY -> "\uD83D\uDC4D\uD83C\uDFFD".repeat(300 + extra);
            // a kana counts 1, a fireworks emoji its four UTF-8 bytes: 124 of them and four kana are 500
            case THREADS -> "🎆".repeat(124) + "あ".repeat(4 + extra);
            // UTF-8 bytes of the description: three for each kana
            case YOUTUBE -> "あ".repeat(1666) + "a".repeat(2 + extra);
        };
    }

    @ParameterizedTest(name = "{0}, {2} links, {3} photos")
    @MethodSource("posts")
    void theCounterIsOverExactlyWhenTheRuleRefuses(Platform platform, String text, List<URI> links, List<URI> media) {
        PlatformLimits.Count counter = PlatformLimits.counts(text, links, !media.isEmpty(), List.of(platform))
                .getFirst();
        Candidate candidate = new Candidate(text, links, media, null, null, false, false, null,
                List.of(new Candidate.Target(1, platform, ReplyPolicy.REPLIES_ALLOWED)), null, Map.of());
        List<Finding> findings = new ArrayList<>();
        PlatformRules.check(candidate, findings);

        List<Finding> limits = findings.stream().filter(f -> f.rule() == RuleId.PLATFORM_LIMIT).toList();
        assertThat(!limits.isEmpty()).as("the rule refuses").isEqualTo(counter.over());
        limits.forEach(f -> assertThat(f.arguments()).as("the numbers the counter shows").containsExactly(
                platform.name(), Integer.toString(counter.count()), Integer.toString(counter.limit())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posts")
    void countsTheTextAsTheConnectorSendsIt(Platform platform, String text, List<URI> links, List<URI> media) {
        int own = PlatformLimits.counts(text, List.of(), false, List.of(platform)).getFirst().count();
        int withLinks = PlatformLimits.counts(text, links, !media.isEmpty(), List.of(platform)).getFirst().count();
        boolean linkCardOnly = platform == Platform.FACEBOOK && media.isEmpty() && links.size() == 1;
        assertThat(withLinks > own).as("appended links count, except Facebook's link card")
                .isEqualTo(!links.isEmpty() && !linkCardOnly);
    }
}
