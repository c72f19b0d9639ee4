package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/** A YouTube post is exactly one video and nothing else; a video goes nowhere else. */
class VideoRulesTest {

    private static final Candidate.Image VIDEO = new Candidate.Image("video/mp4", 40_000_000, 0, 0, "");
    private static final Candidate.Image PHOTO = new Candidate.Image("image/jpeg", 200_000, 1200, 800, "花火の写真");

    @Test
    void aYouTubePostWithExactlyOneVideoPasses() {
        assertThat(rules(Platform.YOUTUBE, List.of(VIDEO))).isEmpty();
    }

    @Test
    void aYouTubePostWithoutAVideoIsRefusedAsACommunityPostTheApiCannotMake() {
        assertThat(rules(Platform.YOUTUBE, List.of())).containsExactly(RuleId.VIDEO_REQUIRED);
        assertThat(rules(Platform.YOUTUBE, List.of(PHOTO))).contains(RuleId.VIDEO_REQUIRED,
                RuleId.IMAGE_NOT_SUPPORTED);
    }

    @Test
    void twoVideosOrAVideoWithAPhotoAreRefusedForYouTube() {
        assertThat(rules(Platform.YOUTUBE, List.of(VIDEO, VIDEO))).containsExactly(RuleId.VIDEO_REQUIRED);
        assertThat(rules(Platform.YOUTUBE, List.of(VIDEO, PHOTO))).contains(RuleId.VIDEO_REQUIRED);
    }

    @Test
    void aVideoIsRefusedOnEveryOtherPlatformAndIsNotCountedAsAnImage() {
        for (Platform platform : Platform.values()) {
            if (platform != Platform.YOUTUBE) {
                assertThat(rules(platform, List.of(VIDEO, PHOTO))).as(platform.name())
                        .contains(RuleId.VIDEO_NOT_SUPPORTED)
                        .doesNotContain(RuleId.IMAGE_FORMAT, RuleId.IMAGE_TOO_LARGE, RuleId.ALT_TEXT_MISSING);
            }
        }
    }

    @Test
    void theFindingIsShownWithThePlatformAndTheVideosCounted() {
        List<Finding> findings = new ArrayList<>();
        PlatformRules.check(candidate(Platform.YOUTUBE, List.of(VIDEO, VIDEO)), findings);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleId.VIDEO_REQUIRED);
            assertThat(f.rule().severity()).isEqualTo(Severity.BLOCK);
            assertThat(f.arguments()).containsExactly("YOUTUBE", "2");
        });
    }

    private static List<RuleId> rules(Platform platform, List<Candidate.Image> media) {
        List<Finding> findings = new ArrayList<>();
        PlatformRules.check(candidate(platform, media), findings);
        return findings.stream().map(Finding::rule).toList();
    }

    private static Candidate candidate(Platform platform, List<Candidate.Image> media) {
        return new Candidate("【江津市】花火大会のお知らせ\n本日17時から", List.of(), List.of(), null, null, false, false,
                null, List.of(new Candidate.Target(1, platform, ReplyPolicy.REPLIES_ALLOWED)), null, Map.of(), media);
    }
}
