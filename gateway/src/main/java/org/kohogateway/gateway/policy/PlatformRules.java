package org.kohogateway.gateway.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Each target platform's hard limits, as {@link PlatformCapabilities} states them: over-long text, a missing or extra
 * image, and a reply or quote are refused at submit, with a finding, instead of failing at send.
 */
final class PlatformRules {

    private PlatformRules() {
    }

    static void check(Candidate candidate, List<Finding> findings) {
        for (Candidate.Target target : candidate.targets()) {
            PlatformCapabilities takes = PlatformCapabilities.of(target.platform());
            PlatformLimits.Count count = PlatformLimits.count(target.platform(), candidate.text(), candidate.links(),
                    !candidate.mediaUrls().isEmpty());
            if (count.over()) {
                findings.add(new Finding(RuleId.PLATFORM_LIMIT, -1, -1, target.accountId(), List.of(
                        target.platform().name(), Integer.toString(count.count()), Integer.toString(count.limit()))));
            }
            if (takes.imageRequired() && candidate.mediaUrls().isEmpty()) {
                findings.add(new Finding(RuleId.IMAGE_REQUIRED, -1, -1, target.accountId(),
                        List.of(target.platform().name())));
            }
            if (candidate.mediaUrls().size() > takes.maxImages()) {
                findings.add(new Finding(RuleId.IMAGE_NOT_SUPPORTED, -1, -1, target.accountId(),
                        List.of(target.platform().name(), Integer.toString(takes.maxImages()))));
            }
            refuseReference(candidate.replyTo(), takes.replies(), target, findings);
            refuseReference(candidate.quoteOf(), takes.quotes(), target, findings);
        }
    }

    private static void refuseReference(@Nullable String reference, boolean taken, Candidate.Target target,
            List<Finding> findings) {
        if (reference != null && !taken) {
            findings.add(new Finding(RuleId.REFERENCE_NOT_SUPPORTED, -1, -1, target.accountId(),
                    List.of(target.platform().name(), reference)));
        }
    }
}
