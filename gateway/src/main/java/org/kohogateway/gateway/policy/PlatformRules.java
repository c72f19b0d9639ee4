package org.kohogateway.gateway.policy;

import java.net.URI;
import java.util.List;

import org.kohogateway.connectors.Platform;

import com.twitter.twittertext.TwitterTextParser;

/**
 * Each target platform's hard limits: the one place that says what a platform takes in 2026.
 *
 * <p>Answers and quotes: none anywhere. X removed programmatic replies and quotes from its self-serve API tiers
 * (Free, Basic, Pro, pay-per-use) in 2026, and the city's accounts use those; LINE broadcasts, Facebook Page posts and
 * Instagram media stand alone. So a reply or quote is refused at submit, with a finding, instead of failing at send.
 */
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
