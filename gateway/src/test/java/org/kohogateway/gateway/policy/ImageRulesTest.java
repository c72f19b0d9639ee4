package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/** Uploaded images against what each platform takes, and alt text as the accounts' policy asks. */
class ImageRulesTest {

    private static final long MB = 1024 * 1024;
    private static final Candidate.Image PHOTO = new Candidate.Image("image/jpeg", MB, 1080, 1080, "秋祭りの山車");

    /** Every platform that receives images: YouTube receives the video only, its post's images go to the others. */
    @ParameterizedTest
    @EnumSource(value = Platform.class, names = "YOUTUBE", mode = EnumSource.Mode.EXCLUDE)
    void anImageWithoutAltTextIsBlockedWhereThePolicyRequiresIt(Platform platform) {
        Candidate.Image undescribed = new Candidate.Image("image/jpeg", MB, 1080, 1080, " ");

        assertThat(rules(platform, true, List.of(PHOTO, undescribed))).containsOnlyOnce(RuleId.ALT_TEXT_MISSING);
        assertThat(finding(platform, true, List.of(PHOTO, undescribed), RuleId.ALT_TEXT_MISSING).arguments())
                .containsExactly(platform.name(), "2");
        assertThat(rules(platform, false, List.of(undescribed))).doesNotContain(RuleId.ALT_TEXT_MISSING);
        assertThat(RuleId.ALT_TEXT_MISSING.severity()).isEqualTo(Severity.BLOCK);
    }

    @Test
    void xTakesAltTextUpToAThousandCharacters() {
        Candidate.Image atLimit = new Candidate.Image("image/png", MB, 800, 600, "あ".repeat(1000));
        Candidate.Image over = new Candidate.Image("image/png", MB, 800, 600, "あ".repeat(1001));

        assertThat(rules(Platform.X, true, List.of(atLimit))).doesNotContain(RuleId.ALT_TEXT_TOO_LONG);
        assertThat(rules(Platform.X, true, List.of(over))).contains(RuleId.ALT_TEXT_TOO_LONG);
        assertThat(rules(Platform.FACEBOOK, true, List.of(over))).doesNotContain(RuleId.ALT_TEXT_TOO_LONG);
    }

    @Test
    void xCarriesUpToFourImagesNowAndAFifthIsRefused() {
        assertThat(rules(Platform.X, true, Collections.nCopies(4, PHOTO))).isEmpty();
        assertThat(rules(Platform.X, true, Collections.nCopies(5, PHOTO))).contains(RuleId.IMAGE_NOT_SUPPORTED);
    }

    @ParameterizedTest
    @CsvSource({
            "X, 5, 6", "FACEBOOK, 10, 11", "INSTAGRAM, 8, 9", "LINE, 10, 11" })
    void anImageOverThePlatformsSizeIsRefused(Platform platform, long fitsMb, long overMb) {
        assertThat(rules(platform, true, List.of(new Candidate.Image("image/jpeg", fitsMb * MB, 1080, 1080, "写真"))))
                .doesNotContain(RuleId.IMAGE_TOO_LARGE);
        assertThat(rules(platform, true, List.of(new Candidate.Image("image/jpeg", overMb * MB, 1080, 1080, "写真"))))
                .contains(RuleId.IMAGE_TOO_LARGE);
    }

    @Test
    void instagramTakesJpegOnlyAndTheOthersPngToo() {
        Candidate.Image png = new Candidate.Image("image/png", MB, 1080, 1080, "写真");

        assertThat(rules(Platform.INSTAGRAM, true, List.of(png))).contains(RuleId.IMAGE_FORMAT);
        for (Platform other : List.of(Platform.X, Platform.FACEBOOK, Platform.LINE)) {
            assertThat(rules(other, true, List.of(png))).as(other.name()).doesNotContain(RuleId.IMAGE_FORMAT);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "1080, 1350, false", "1080, 1400, true", "1910, 1000, false", "1920, 1000, true", "1080, 1080, false" })
    void instagramTakesShapesFromFourByFiveToOnePointNineOneByOne(int width, int height, boolean refused) {
        Candidate.Image image = new Candidate.Image("image/jpeg", MB, width, height, "写真");

        assertThat(rules(Platform.INSTAGRAM, true, List.of(image)).contains(RuleId.IMAGE_ASPECT_RATIO))
                .isEqualTo(refused);
        assertThat(rules(Platform.LINE, true, List.of(image))).doesNotContain(RuleId.IMAGE_ASPECT_RATIO);
    }

    @Test
    void anInstagramCarouselTakesUpToTenAndAnUploadCountsAsTheImageItNeeds() {
        assertThat(rules(Platform.INSTAGRAM, true, List.of(PHOTO))).isEmpty();
        assertThat(rules(Platform.INSTAGRAM, true, Collections.nCopies(10, PHOTO))).isEmpty();
        assertThat(rules(Platform.INSTAGRAM, true, Collections.nCopies(11, PHOTO)))
                .contains(RuleId.IMAGE_NOT_SUPPORTED);
    }

    private static List<RuleId> rules(Platform platform, boolean altTextRequired, List<Candidate.Image> images) {
        return findings(platform, altTextRequired, images).stream().map(Finding::rule).toList();
    }

    private static Finding finding(Platform platform, boolean altTextRequired, List<Candidate.Image> images,
            RuleId rule) {
        return findings(platform, altTextRequired, images).stream().filter(f -> f.rule() == rule).findFirst()
                .orElseThrow();
    }

    private static List<Finding> findings(Platform platform, boolean altTextRequired, List<Candidate.Image> images) {
        Candidate candidate = new Candidate("お知らせ", List.of(), List.of(), null, null, false, false, null,
                List.of(new Candidate.Target(1, platform, ReplyPolicy.REPLIES_ALLOWED, altTextRequired)), null,
                Map.of(), images);
        List<Finding> findings = new ArrayList<>();
        PlatformRules.check(candidate, findings);
        return findings;
    }
}
