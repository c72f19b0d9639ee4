package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformText;
import org.kohogateway.gateway.account.ReplyPolicy;

/**
 * What an account's page and API say its platform takes ({@link PlatformCapabilities}) is what the rules refuse at
 * submit: for every platform, a reply, a quote, images up to and one past the stated number, and a text at and one
 * past the stated limit.
 */
class PlatformCapabilitiesTest {

    private static final String QUOTED = "https://x.com/gotsu_city/status/1";
    private static final URI PHOTO = URI.create("https://www.city.gotsu.lg.jp/img/matsuri.jpg");

    @ParameterizedTest
    @EnumSource(Platform.class)
    void repliesAndQuotesAreRefusedExactlyWhereTheStatementSaysSo(Platform platform) {
        PlatformCapabilities stated = PlatformCapabilities.of(platform);

        assertThat(refused(platform, candidate(platform, "お知らせ", List.of(PHOTO), QUOTED, null)))
                .as("a reply").isEqualTo(!stated.replies());
        assertThat(refused(platform, candidate(platform, "お知らせ", List.of(PHOTO), null, QUOTED)))
                .as("a quote").isEqualTo(!stated.quotes());
        assertThat(stated.referencesReasonCode()).as("the reason shown beside \"no\"").startsWith("platform.references.");
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void imagesAreRefusedOnePastTheStatedNumber(Platform platform) {
        PlatformCapabilities stated = PlatformCapabilities.of(platform);
        List<RuleId> atMost = rules(candidate(platform, "お知らせ", photos(stated.maxImages()), null, null));
        List<RuleId> onePast = rules(candidate(platform, "お知らせ", photos(stated.maxImages() + 1), null, null));

        assertThat(atMost).doesNotContain(RuleId.IMAGE_NOT_SUPPORTED);
        assertThat(onePast).contains(RuleId.IMAGE_NOT_SUPPORTED);
        assertThat(rules(candidate(platform, "お知らせ", List.of(), null, null)).contains(RuleId.IMAGE_REQUIRED))
                .as("an image required").isEqualTo(stated.imageRequired());
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void theTextIsRefusedOnePastTheStatedLimit(Platform platform) {
        PlatformCapabilities stated = PlatformCapabilities.of(platform);
        List<URI> media = stated.imageRequired() ? List.of(PHOTO) : List.of();
        String atLimit = "a".repeat(stated.textLimit());

        assertThat(PlatformText.length(platform, atLimit)).isEqualTo(stated.textLimit());
        assertThat(rules(candidate(platform, atLimit, media, null, null))).doesNotContain(RuleId.PLATFORM_LIMIT);
        assertThat(rules(candidate(platform, atLimit + "a", media, null, null))).contains(RuleId.PLATFORM_LIMIT);
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void linksAreRefusedOnePastTheStatedNumberCountingEachAddressOnce(Platform platform) {
        PlatformCapabilities stated = PlatformCapabilities.of(platform);
        List<URI> media = stated.imageRequired() ? List.of(PHOTO) : List.of();
        int allowed = stated.maxLinks() > 0 ? stated.maxLinks() : 5;
        String atMost = pages(allowed) + " " + pages(1);
        String onePast = pages(allowed + 1);

        assertThat(rules(candidate(platform, atMost, media, null, null))).as("the same address twice counts once")
                .doesNotContain(RuleId.TOO_MANY_LINKS);
        assertThat(rules(candidate(platform, onePast, media, null, null)).contains(RuleId.TOO_MANY_LINKS))
                .as("refused only where a number is stated").isEqualTo(stated.maxLinks() > 0);
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void linksBesideTheTextCountAsTheConnectorAppendsThem(Platform platform) {
        PlatformCapabilities stated = PlatformCapabilities.of(platform);
        List<URI> media = stated.imageRequired() ? List.of(PHOTO) : List.of();
        List<URI> beside = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            beside.add(URI.create("https://www.city.gotsu.lg.jp/page" + i + "/"));
        }
        Candidate candidate = new Candidate("お知らせ", beside, media, null, null, false, false, null,
                List.of(new Candidate.Target(1, platform, ReplyPolicy.REPLIES_ALLOWED)), null, Map.of());

        assertThat(rules(candidate).contains(RuleId.TOO_MANY_LINKS)).isEqualTo(stated.maxLinks() > 0);
    }

    /** {@code n} different addresses of the city's site, separated by spaces. */
    private static String pages(int n) {
        StringBuilder text = new StringBuilder("詳しくは");
        for (int i = 1; i <= n; i++) {
            text.append(" https://www.city.gotsu.lg.jp/page").append(i).append('/');
        }
        return text.toString();
    }

    private static List<URI> photos(int n) {
        return Collections.nCopies(n, PHOTO);
    }

    private static Candidate candidate(Platform platform, String text, List<URI> media, String replyTo,
            String quoteOf) {
        return new Candidate(text, List.of(), media, replyTo, quoteOf, false, false, null,
                List.of(new Candidate.Target(1, platform, ReplyPolicy.REPLIES_ALLOWED)), null, Map.of());
    }

    private static boolean refused(Platform platform, Candidate candidate) {
        return rules(candidate).contains(RuleId.REFERENCE_NOT_SUPPORTED);
    }

    private static List<RuleId> rules(Candidate candidate) {
        List<Finding> findings = new ArrayList<>();
        PlatformRules.check(candidate, findings);
        return findings.stream().map(Finding::rule).toList();
    }
}
