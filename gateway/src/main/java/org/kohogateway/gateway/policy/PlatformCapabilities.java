package org.kohogateway.gateway.policy;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformText;

/**
 * What a platform takes through the API the city's accounts use in 2026: the one statement that the account pages
 * show and that {@link PlatformRules} enforces at submit, so that what staff read and what is refused cannot differ.
 *
 * <p>Answers and quotes: none anywhere. X removed programmatic replies and quotes from its self-serve API tiers
 * (Free, Basic, Pro, pay-per-use) in 2026, and the city's accounts use those; LINE broadcasts, Facebook Page posts and
 * Instagram media stand alone. So a reply or quote is refused at submit, with a finding, instead of failing at send.
 *
 * @param replies       whether a post may answer another post
 * @param quotes        whether a post may quote or repost another post
 * @param maxImages     images the connector sends with one post: X none (text and links), Facebook and Instagram one,
 *                      LINE four (a broadcast is at most five messages: the text and four images)
 * @param imageRequired whether a post needs an image (Instagram publishes media, never text alone)
 * @param textLimit     the longest text, in the platform's own count ({@link PlatformText#length})
 */
public record PlatformCapabilities(Platform platform, boolean replies, boolean quotes, int maxImages,
        boolean imageRequired, int textLimit) {

    public static PlatformCapabilities of(Platform platform) {
        return switch (platform) {
            case X -> new PlatformCapabilities(platform, false, false, 0, false, PlatformText.limit(platform));
            case FACEBOOK -> new PlatformCapabilities(platform, false, false, 1, false, PlatformText.limit(platform));
            case INSTAGRAM -> new PlatformCapabilities(platform, false, false, 1, true, PlatformText.limit(platform));
            case LINE -> new PlatformCapabilities(platform, false, false, 4, false, PlatformText.limit(platform));
        };
    }

    /** Message code of why this platform takes no replies or quotes (X: its API tiers; the others: posts stand alone). */
    public String referencesReasonCode() {
        return "platform.references." + platform.name();
    }
}
