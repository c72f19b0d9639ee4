package org.kohogateway.gateway.policy;

/**
 * The rules of docs/guideline.md, "Rules on every post", each with the guideline section it enforces and its severity.
 */
public enum RuleId {
    /**
     * On an account whose policy forbids replies: answering a post, quoting or reposting a post that is not the
     * city's own, or @mentioning an account that is not the city's own.
     */
    NO_REPLY("§6-③", Severity.BLOCK),
    /** The same on such an account as the answer to a named policy proposal (§6-③ ア): the approver acknowledges. */
    NO_REPLY_PROPOSAL("§6-③ア", Severity.ACKNOWLEDGE),
    /** The same on such an account in an emergency post (§6-③ イ): the approver acknowledges. */
    NO_REPLY_EMERGENCY("§6-③イ", Severity.ACKNOWLEDGE),
    /** An answer to a policy proposal that names no proposal: the exception of §6-③ ア cannot be checked. */
    PROPOSAL_NOT_NAMED("§6-③ア", Severity.BLOCK),
    EXTERNAL_LINK("§6-④ §7-①", Severity.ACKNOWLEDGE),
    QUOTE_OF_OTHERS("§6-④ §7-①", Severity.ACKNOWLEDGE),
    URL_SHORTENER("§7-①", Severity.BLOCK),
    BLOCKED_SITE("§4-⑤", Severity.BLOCK),
    PROHIBITED_CONTENT("§4", Severity.ACKNOWLEDGE),
    MY_NUMBER("§8-⑤", Severity.BLOCK),
    PHONE_NUMBER("§8-⑤", Severity.BLOCK),
    EMAIL_ADDRESS("§8-⑤", Severity.BLOCK),
    POSTAL_ADDRESS("§8-⑤", Severity.BLOCK),
    FUSEJI("§8-⑤", Severity.WARN),
    /** A template's placeholder ({{時刻}}) or blank (○時○分) left unfilled: wrong information, so it blocks. */
    TEMPLATE_MARKER_LEFT("§3-④", Severity.BLOCK),
    /** A date with the wrong weekday beside it (12月20日（土） when that day is a Sunday). */
    WEEKDAY_MISMATCH("§3-④", Severity.WARN),
    /** A day no calendar has (11月31日, 2月30日). */
    IMPOSSIBLE_DATE("§3-④", Severity.WARN),
    /** A date already past on the day the post goes out (city time), unless the sentence reports it as past. */
    PAST_DATE("§3-④", Severity.WARN),
    /**
     * A link that does not answer (an error status, no answer in time, a name that does not resolve, an address not
     * fetched): checked when an approver looks at the post ({@link LinkAnswers}), not by {@link PolicyRules}.
     * Arguments: the link, then why in Japanese and in English.
     */
    LINK_NOT_ANSWERING("§3-④", Severity.WARN),
    /**
     * The same or nearly the same text to the same account within a window ({@code gateway.posting.near-duplicate-*}):
     * platforms freeze accounts that repeat themselves, as X froze Hanamaki's in a flood. Found by the post module,
     * which knows the other posts; the argument is the earlier post's id.
     */
    NEAR_DUPLICATE("platform", Severity.ACKNOWLEDGE),
    PLATFORM_LIMIT("platform", Severity.BLOCK),
    IMAGE_REQUIRED("platform", Severity.BLOCK),
    /**
     * A post to a platform whose posts are videos (YouTube) that is not exactly one video and nothing else: its
     * community posts, text or images, are not available through the API.
     */
    VIDEO_REQUIRED("platform", Severity.BLOCK),
    /** A video to a platform that takes none (every platform but YouTube), in a post that goes to no YouTube channel. */
    VIDEO_NOT_SUPPORTED("platform", Severity.BLOCK),
    /**
     * A post that goes to YouTube and elsewhere with a video: the video goes to YouTube only, and this platform gets
     * the text and the images. Told, so that a text pointing at "the video" is read knowing what this platform shows.
     */
    VIDEO_ONLY_TO_YOUTUBE("platform", Severity.WARN),
    /** A post that goes to YouTube and elsewhere with images: YouTube gets the video only, the images go elsewhere. */
    IMAGES_NOT_TO_YOUTUBE("platform", Severity.WARN),
    /** More images than the platform takes with one post: X and LINE four, Facebook and Instagram ten. */
    IMAGE_NOT_SUPPORTED("platform", Severity.BLOCK),
    /** An image of a type the platform does not take (Instagram: JPEG only). */
    IMAGE_FORMAT("platform", Severity.BLOCK),
    /** An image larger than the platform takes (X 5 MB, Instagram 8 MB, Facebook and LINE 10 MB). */
    IMAGE_TOO_LARGE("platform", Severity.BLOCK),
    /** An image narrower than 4:5 or wider than 1.91:1 for Instagram. */
    IMAGE_ASPECT_RATIO("platform", Severity.BLOCK),
    /**
     * An image without alt text where the account's policy requires it (the default): people who cannot see it must
     * be told what it shows (障害者差別解消法; みんなの公共サイト運用ガイドライン §6.5).
     */
    ALT_TEXT_MISSING("accessibility", Severity.BLOCK),
    /** Alt text longer than the platform takes (X 1,000 characters). */
    ALT_TEXT_TOO_LONG("platform", Severity.BLOCK),
    /** More different links in the text than the platform takes (Threads five: it refuses the post otherwise). */
    TOO_MANY_LINKS("platform", Severity.BLOCK),
    /**
     * An answer or quote the target's platform cannot take through its API in 2026 ({@link PlatformCapabilities}): refused
     * at submit rather than published as a standalone post or failed at send.
     */
    REFERENCE_NOT_SUPPORTED("platform", Severity.BLOCK);

    private final String section;
    private final Severity severity;

    RuleId(String section, Severity severity) {
        this.section = section;
        this.severity = severity;
    }

    public String section() {
        return section;
    }

    public Severity severity() {
        return severity;
    }
}
