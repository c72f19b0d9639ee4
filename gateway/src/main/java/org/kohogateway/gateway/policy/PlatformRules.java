package org.kohogateway.gateway.policy;

import java.net.URI;
import java.util.List;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.x.XPostUrls;
import org.kohogateway.gateway.account.ReplyPolicy;

import com.twitter.twittertext.TwitterTextParser;

/** Each target platform's hard limits, and the account's no-reply policy (§6-③). */
final class PlatformRules {

    static final int X_WEIGHTED = 280;
    static final int LINE_UTF16 = 5000;
    static final int INSTAGRAM_CAPTION = 2200;
    static final int FACEBOOK = 63_206;

    private PlatformRules() {
    }

    static void check(Candidate candidate, List<Finding> findings) {
        String published = published(candidate.text(), candidate.links());
        for (Candidate.Target target : candidate.targets()) {
            switch (target.platform()) {
                case X -> limit(findings, target, TwitterTextParser.parseTweet(published).weightedLength, X_WEIGHTED);
                case LINE -> limit(findings, target, published.length(), LINE_UTF16);
                case FACEBOOK -> limit(findings, target, candidate.text().length(), FACEBOOK);
                case INSTAGRAM -> {
                    limit(findings, target, candidate.text().codePointCount(0, candidate.text().length()),
                            INSTAGRAM_CAPTION);
                    if (candidate.mediaUrls().isEmpty()) {
                        findings.add(new Finding(RuleId.IMAGE_REQUIRED, -1, -1, target.accountId(), List.of("INSTAGRAM")));
                    }
                }
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
            references(candidate, target, findings);
            boolean excepted = candidate.answersPolicyProposal() || candidate.emergency();
            if (candidate.replyTo() != null && target.replyPolicy() == ReplyPolicy.NO_REPLIES && !excepted) {
                findings.add(new Finding(RuleId.NO_REPLY, -1, -1, target.accountId(), List.of(candidate.replyTo())));
            }
        }
    }

    private static void references(Candidate candidate, Candidate.Target target, List<Finding> findings) {
        for (String reference : java.util.Arrays.asList(candidate.replyTo(), candidate.quoteOf())) {
            if (reference != null && (target.platform() != Platform.X || XPostUrls.statusId(reference).isEmpty())) {
                findings.add(new Finding(RuleId.REFERENCE_NOT_SUPPORTED, -1, -1, target.accountId(),
                        List.of(target.platform().name(), reference)));
            }
        }
    }

    /** The text as the X and LINE connectors send it: links not already in the text follow on their own lines. */
    static String published(String text, List<URI> links) {
        StringBuilder out = new StringBuilder(text);
        for (URI link : links) {
            if (!text.contains(link.toString())) {
                out.append('\n').append(link);
            }
        }
        return out.toString();
    }

    private static void limit(List<Finding> findings, Candidate.Target target, int length, int max) {
        if (length > max) {
            findings.add(new Finding(RuleId.PLATFORM_LIMIT, -1, -1, target.accountId(),
                    List.of(target.platform().name(), Integer.toString(length), Integer.toString(max))));
        }
    }
}
