package org.kohogateway.gateway.policy;

import java.util.List;

import org.kohogateway.connectors.Platform;

/**
 * Each target platform's hard limits: the one place that says what a platform takes in 2026.
 *
 * <p>Answers and quotes: none anywhere. X removed programmatic replies and quotes from its self-serve API tiers
 * (Free, Basic, Pro, pay-per-use) in 2026, and the city's accounts use those; LINE broadcasts, Facebook Page posts and
 * Instagram media stand alone. So a reply or quote is refused at submit, with a finding, instead of failing at send.
 */
final class PlatformRules {

    private PlatformRules() {
    }

    static void check(Candidate candidate, List<Finding> findings) {
        for (Candidate.Target target : candidate.targets()) {
            PlatformLimits.Count count = PlatformLimits.count(target.platform(), candidate.text(), candidate.links(),
                    !candidate.mediaUrls().isEmpty());
            if (count.over()) {
                findings.add(new Finding(RuleId.PLATFORM_LIMIT, -1, -1, target.accountId(), List.of(
                        target.platform().name(), Integer.toString(count.count()), Integer.toString(count.limit()))));
            }
            if (target.platform() == Platform.INSTAGRAM && candidate.mediaUrls().isEmpty()) {
                findings.add(new Finding(RuleId.IMAGE_REQUIRED, -1, -1, target.accountId(), List.of("INSTAGRAM")));
            }
            int images = switch (target.platform()) {
                case X -> 0;
                case FACEBOOK, INSTAGRAM -> 1;
                case LINE -> Integer.MAX_VALUE;
            };
            if (candidate.mediaUrls().size() > images) {
                findings.add(new Finding(RuleId.IMAGE_NOT_SUPPORTED, -1, -1, target.accountId(),
                        List.of(target.platform().name(), Integer.toString(images))));
            }
            for (String reference : java.util.Arrays.asList(candidate.replyTo(), candidate.quoteOf())) {
                if (reference != null && !takesReferences(target.platform())) {
                    findings.add(new Finding(RuleId.REFERENCE_NOT_SUPPORTED, -1, -1, target.accountId(),
                            List.of(target.platform().name(), reference)));
                }
            }
        }
    }

    /** Whether posts to this platform may answer or quote another post (see the class comment: none may in 2026). */
    static boolean takesReferences(Platform platform) {
        return switch (platform) {
            case X, FACEBOOK, INSTAGRAM, LINE -> false;
        };
    }
}
