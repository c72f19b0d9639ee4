package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/**
 * A YouTube post is exactly one video; a video goes nowhere else. One post to YouTube and to other platforms is split:
 * the video to YouTube, the images to the others, each side told what it does not get.
 */
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
        assertThat(rules(Platform.YOUTUBE, List.of(PHOTO))).containsExactly(RuleId.VIDEO_REQUIRED,
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
    void aPostToYouTubeAndEveryOtherPlatformSendsTheVideoToYouTubeAndThePhotoToTheOthersWithWarningsOnly() {
        List<Finding> findings = new ArrayList<>();
        List<Candidate.Target> targets = java.util.Arrays.stream(Platform.values())
                .map(p -> new Candidate.Target(p.ordinal() + 1, p, ReplyPolicy.REPLIES_ALLOWED)).toList();
        PlatformRules.check(candidate(targets, List.of(VIDEO, PHOTO)), findings);

        assertThat(findings).allSatisfy(f -> assertThat(f.rule().severity()).isEqualTo(Severity.WARN));
        assertThat(findings).filteredOn(f -> f.rule() == RuleId.IMAGES_NOT_TO_YOUTUBE).singleElement()
                .satisfies(f -> assertThat(f.arguments()).containsExactly("YOUTUBE"));
        assertThat(findings).filteredOn(f -> f.rule() == RuleId.VIDEO_ONLY_TO_YOUTUBE)
                .hasSize(Platform.values().length - 1)
                .noneSatisfy(f -> assertThat(f.arguments()).containsExactly("YOUTUBE"));
    }

    @Test
    void theOtherPlatformsStillJudgeThePhotoTheyReceiveWhenTheVideoGoesToYouTube() {
        Candidate.Image undescribed = new Candidate.Image("image/png", 200_000, 1200, 800, "");
        List<Finding> findings = new ArrayList<>();
        PlatformRules.check(candidate(List.of(new Candidate.Target(1, Platform.YOUTUBE, ReplyPolicy.REPLIES_ALLOWED),
                new Candidate.Target(2, Platform.INSTAGRAM, ReplyPolicy.REPLIES_ALLOWED)), List.of(VIDEO, undescribed)),
                findings);

        assertThat(findings).filteredOn(f -> f.accountId() == 2).extracting(Finding::rule)
                .contains(RuleId.IMAGE_FORMAT, RuleId.ALT_TEXT_MISSING, RuleId.VIDEO_ONLY_TO_YOUTUBE);
        assertThat(findings).filteredOn(f -> f.accountId() == 1).extracting(Finding::rule)
                .containsExactly(RuleId.IMAGES_NOT_TO_YOUTUBE);
    }

    @Test
    void aPartThatNoTargetReceivesIsRefused() {
        List<Finding> twoVideos = new ArrayList<>();
        PlatformRules.check(candidate(List.of(new Candidate.Target(1, Platform.YOUTUBE, ReplyPolicy.REPLIES_ALLOWED),
                new Candidate.Target(2, Platform.X, ReplyPolicy.REPLIES_ALLOWED)), List.of(VIDEO, VIDEO)), twoVideos);

        assertThat(twoVideos).extracting(Finding::rule).contains(RuleId.VIDEO_REQUIRED);
        assertThat(rules(Platform.X, List.of(VIDEO))).containsExactly(RuleId.VIDEO_NOT_SUPPORTED);
        assertThat(rules(Platform.YOUTUBE, List.of(VIDEO, PHOTO))).containsExactly(RuleId.VIDEO_REQUIRED,
                RuleId.IMAGE_NOT_SUPPORTED);
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
        return candidate(List.of(new Candidate.Target(1, platform, ReplyPolicy.REPLIES_ALLOWED)), media);
    }

    private static Candidate candidate(List<Candidate.Target> targets, List<Candidate.Image> media) {
        return new Candidate("【江津市】花火大会のお知らせ\n本日17時から", List.of(), List.of(), null, null, false, false,
                null, targets, null, Map.of(), media);
    }
}
