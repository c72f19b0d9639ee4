package org.kohogateway.gateway.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Links;
import org.kohogateway.connectors.PlatformText;

/**
 * Each target platform's hard limits, as {@link PlatformCapabilities} states them: over-long text, a missing or extra
 * image, an image of a type, size or shape the platform does not take, more links than it takes, missing or over-long
 * alt text, a post to YouTube that is not exactly one video, a video that would go to no YouTube channel, and a reply
 * or quote are refused at submit, with a finding, instead of failing at send. A post to YouTube and elsewhere is split
 * by {@link PlatformCapabilities#receives}: the video goes to YouTube, the images to the others, and each side is told
 * (a warning) what it does not get; a part that no target receives is refused.
 */
final class PlatformRules {

    private PlatformRules() {
    }

    static void check(Candidate candidate, List<Finding> findings) {
        boolean toVideos = candidate.platforms().stream().anyMatch(p -> PlatformCapabilities.of(p).videoRequired());
        boolean toImages = candidate.platforms().stream().anyMatch(p -> !PlatformCapabilities.of(p).videoRequired());
        for (Candidate.Target target : candidate.targets()) {
            PlatformCapabilities takes = PlatformCapabilities.of(target.platform());
            if (takes.videoRequired()) {
                checkVideo(candidate, takes, target, toImages, findings);
                continue;
            }
            PlatformLimits.Count count = PlatformLimits.count(target.platform(), candidate.text(), candidate.links(),
                    candidate.imageCount() > 0);
            if (count.over()) {
                findings.add(new Finding(RuleId.PLATFORM_LIMIT, -1, -1, target.accountId(), List.of(
                        target.platform().name(), Integer.toString(count.count()), Integer.toString(count.limit()))));
            }
            if (takes.maxLinks() > 0) {
                int links = Links.distinctCount(PlatformText.sent(target.platform(), candidate.text(),
                        candidate.links(), candidate.imageCount() > 0));
                if (links > takes.maxLinks()) {
                    findings.add(new Finding(RuleId.TOO_MANY_LINKS, -1, -1, target.accountId(), List.of(
                            target.platform().name(), Integer.toString(links), Integer.toString(takes.maxLinks()))));
                }
            }
            if (takes.imageRequired() && candidate.imageCount() == 0) {
                findings.add(new Finding(RuleId.IMAGE_REQUIRED, -1, -1, target.accountId(),
                        List.of(target.platform().name())));
            }
            if (candidate.imageCount() > takes.maxImages()) {
                findings.add(new Finding(RuleId.IMAGE_NOT_SUPPORTED, -1, -1, target.accountId(),
                        List.of(target.platform().name(), Integer.toString(takes.maxImages()))));
            }
            if (candidate.videoCount() > 0) {
                findings.add(new Finding(toVideos ? RuleId.VIDEO_ONLY_TO_YOUTUBE : RuleId.VIDEO_NOT_SUPPORTED, -1, -1,
                        target.accountId(), List.of(target.platform().name())));
            }
            List<Candidate.Image> images = candidate.images().stream().filter(i -> takes.receives(i.contentType()))
                    .toList();
            for (int i = 0; i < images.size(); i++) {
                checkImage(images.get(i), i + 1, takes, target, findings);
            }
            refuseReference(candidate.replyTo(), takes.replies(), target, findings);
            refuseReference(candidate.quoteOf(), takes.quotes(), target, findings);
        }
    }

    /**
     * A platform whose posts are videos: exactly one video. Images go to the post's other targets; with none, they
     * would go nowhere, so the post is refused as not a video post.
     */
    private static void checkVideo(Candidate candidate, PlatformCapabilities takes, Candidate.Target target,
            boolean toImages, List<Finding> findings) {
        String platform = target.platform().name();
        if (candidate.videoCount() != 1 || (candidate.imageCount() > 0 && !toImages)) {
            findings.add(new Finding(RuleId.VIDEO_REQUIRED, -1, -1, target.accountId(),
                    List.of(platform, Integer.toString(candidate.videoCount()))));
        } else if (candidate.imageCount() > 0) {
            findings.add(new Finding(RuleId.IMAGES_NOT_TO_YOUTUBE, -1, -1, target.accountId(), List.of(platform)));
        }
        if (candidate.imageCount() > 0 && !toImages) {
            findings.add(new Finding(RuleId.IMAGE_NOT_SUPPORTED, -1, -1, target.accountId(),
                    List.of(platform, Integer.toString(takes.maxImages()))));
        }
        PlatformLimits.Count count = PlatformLimits.count(target.platform(), candidate.text(), candidate.links(), false);
        if (count.over()) {
            findings.add(new Finding(RuleId.PLATFORM_LIMIT, -1, -1, target.accountId(),
                    List.of(platform, Integer.toString(count.count()), Integer.toString(count.limit()))));
        }
        refuseReference(candidate.replyTo(), takes.replies(), target, findings);
        refuseReference(candidate.quoteOf(), takes.quotes(), target, findings);
    }

    /** One uploaded image against what the platform takes; {@code position} counts from 1, as people do. */
    private static void checkImage(Candidate.Image image, int position, PlatformCapabilities takes,
            Candidate.Target target, List<Finding> findings) {
        String platform = target.platform().name();
        String at = Integer.toString(position);
        if (target.altTextRequired() && image.altText().isBlank()) {
            findings.add(new Finding(RuleId.ALT_TEXT_MISSING, -1, -1, target.accountId(), List.of(platform, at)));
        }
        if (takes.altTextLimit() > 0 && image.altText().length() > takes.altTextLimit()) {
            findings.add(new Finding(RuleId.ALT_TEXT_TOO_LONG, -1, -1, target.accountId(), List.of(platform, at,
                    Integer.toString(image.altText().length()), Integer.toString(takes.altTextLimit()))));
        }
        if (!takes.imageTypes().contains(image.contentType())) {
            findings.add(new Finding(RuleId.IMAGE_FORMAT, -1, -1, target.accountId(),
                    List.of(platform, at, image.contentType())));
        }
        if (image.bytes() > takes.maxImageBytes()) {
            findings.add(new Finding(RuleId.IMAGE_TOO_LARGE, -1, -1, target.accountId(), List.of(platform, at,
                    megabytes(image.bytes()), megabytes(takes.maxImageBytes()))));
        }
        double aspect = image.height() == 0 ? 0 : (double) image.width() / image.height();
        if (takes.minAspect() > 0 && (aspect < takes.minAspect() - 0.005 || aspect > takes.maxAspect() + 0.005)) {
            findings.add(new Finding(RuleId.IMAGE_ASPECT_RATIO, -1, -1, target.accountId(), List.of(platform, at,
                    image.width() + "×" + image.height())));
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    private static void refuseReference(@Nullable String reference, boolean taken, Candidate.Target target,
            List<Finding> findings) {
        if (reference != null && !taken) {
            findings.add(new Finding(RuleId.REFERENCE_NOT_SUPPORTED, -1, -1, target.accountId(),
                    List.of(target.platform().name(), reference)));
        }
    }
}
