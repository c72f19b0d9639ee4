package org.kohogateway.gateway.policy;

import java.util.Set;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformText;
import org.kohogateway.connectors.threads.ThreadsConnector;

/**
 * What a platform takes through the API the city's accounts use in 2026: the one statement that the account pages
 * show and that {@link PlatformRules} enforces at submit, so that what staff read and what is refused cannot differ.
 *
 * <p>Answers and quotes: none anywhere. X removed programmatic replies and quotes from its self-serve API tiers
 * (Free, Basic, Pro, pay-per-use) in 2026, and the city's accounts use those; LINE broadcasts, Facebook Page posts and
 * Instagram media stand alone. Bluesky and Threads could answer and quote through their APIs, but the gateway's
 * connectors, like the others, publish standalone posts only. So a reply or quote is refused at submit, with a finding, instead of failing at send.
 *
 * @param replies       whether a post may answer another post
 * @param quotes        whether a post may quote or repost another post
 * <p>Images: X takes four per post (JPEG or PNG, at most 5 MB each, alt text up to 1,000 characters through
 * {@code POST /2/media/metadata}); Facebook ten as one post of attached photos (our limit; JPEG or PNG, 10 MB);
 * Instagram one image or a carousel of two to ten, JPEG only, at most 8 MB, between 4:5 and 1.91:1; LINE four image
 * messages after the text (a broadcast is at most five messages), JPEG or PNG up to 10 MB, with a preview the gateway
 * makes; Bluesky four in an {@code app.bsky.embed.images} embed, each blob at most 1,000,000 bytes, with alt text that its
 * app caps at 2,000 characters (the lexicon sets no bound; a longer one would not show); Threads one image or a
 * carousel of two to twenty, JPEG or PNG up to 8 MB, each with its {@code alt_text} (Meta documents no length). Facebook's {@code alt_text_custom} and Instagram's {@code alt_text} document no length, so only the
 * gateway's own bound applies there; LINE image messages carry no alt text (it is kept in the record).
 *
 * @param maxImages     images the connector sends with one post
 * @param imageRequired whether a post needs an image (Instagram publishes media, never text alone)
 * @param textLimit     the longest text, in the platform's own count ({@link PlatformText#length})
 * @param imageTypes    the image types it takes
 * @param maxImageBytes the largest image it takes
 * @param altTextLimit  the longest alt text it takes, 0 when it documents none
 * @param minAspect     the narrowest width:height it takes, 0 for any
 * @param maxAspect     the widest width:height it takes, 0 for any
 * @param maxLinks      the most distinct links the text may hold, 0 for any (Threads refuses a post with more than
 *                      five: {@code THREADS_API__LINK_LIMIT_EXCEEDED})
 *
 * <p>Videos: only YouTube, where a post is exactly one video (MP4 or QuickTime): no text alone and no images alone,
 * since YouTube's community posts are not available through the Data API. The text becomes the video's title (its
 * first line) and description (5,000 bytes). Video sizes are the media store's limit per platform. One post may go to
 * YouTube and to the others at once: each platform {@linkplain #receives receives} the part of the media it takes,
 * the video YouTube and the images the rest, and the approver is told so.
 *
 * @param videoTypes    the video types it takes; empty where a post carries no video
 * @param videoRequired whether a post must be exactly one video
 */
public record PlatformCapabilities(Platform platform, boolean replies, boolean quotes, int maxImages,
        boolean imageRequired, int textLimit, Set<String> imageTypes, long maxImageBytes, int altTextLimit,
        double minAspect, double maxAspect, int maxLinks, Set<String> videoTypes, boolean videoRequired) {

    private static final Set<String> JPEG_PNG = Set.of("image/jpeg", "image/png");
    private static final long MB = 1024 * 1024;

    /** The video types YouTube takes through the gateway: what the media store accepts as a video. */
    public static final Set<String> VIDEO_TYPES = Set.of("video/mp4", "video/quicktime");

    public PlatformCapabilities {
        imageTypes = Set.copyOf(imageTypes);
        videoTypes = Set.copyOf(videoTypes);
    }

    /** A platform of images and text, no video. */
    PlatformCapabilities(Platform platform, boolean replies, boolean quotes, int maxImages, boolean imageRequired,
            int textLimit, Set<String> imageTypes, long maxImageBytes, int altTextLimit, double minAspect,
            double maxAspect, int maxLinks) {
        this(platform, replies, quotes, maxImages, imageRequired, textLimit, imageTypes, maxImageBytes, altTextLimit,
                minAspect, maxAspect, maxLinks, Set.of(), false);
    }

    public static PlatformCapabilities of(Platform platform) {
        int text = PlatformText.limit(platform);
        return switch (platform) {
            case X -> new PlatformCapabilities(platform, false, false, 4, false, text, JPEG_PNG, 5 * MB, 1000, 0, 0, 0);
            case FACEBOOK -> new PlatformCapabilities(platform, false, false, 10, false, text, JPEG_PNG, 10 * MB, 0, 0,
                    0, 0);
            case INSTAGRAM -> new PlatformCapabilities(platform, false, false, 10, true, text, Set.of("image/jpeg"),
                    8 * MB, 0, 4.0 / 5.0, 1.91, 0);
            case LINE -> new PlatformCapabilities(platform, false, false, 4, false, text, JPEG_PNG, 10 * MB, 0, 0, 0, 0);
            // the images embed's blob limit is 1,000,000 bytes, not a mebibyte
            case BLUESKY -> new PlatformCapabilities(platform, false, false, 4, false, text, JPEG_PNG, 1_000_000, 2000,
                    0, 0, 0);
            case THREADS -> new PlatformCapabilities(platform, false, false, ThreadsConnector.MAX_IMAGES, false, text,
                    JPEG_PNG, 8 * MB, 0, 0, 0, ThreadsConnector.MAX_LINKS);
            case YOUTUBE -> new PlatformCapabilities(platform, false, false, 0, false, text, Set.of(), 0, 0, 0, 0, 0,
                    VIDEO_TYPES, true);
        };
    }

    /**
     * Whether this platform receives a medium of the post: the video where posts are videos, the images elsewhere.
     * The one answer the rules and the dispatcher share, so that what the approver is told goes where it is sent.
     */
    public boolean receives(String contentType) {
        return videoRequired == contentType.startsWith("video/");
    }

    /** Message code of why this platform takes no replies or quotes (X: its API tiers; the others: posts stand alone). */
    public String referencesReasonCode() {
        return "platform.references." + platform.name();
    }
}
