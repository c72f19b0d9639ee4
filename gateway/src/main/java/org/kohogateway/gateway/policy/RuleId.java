package org.kohogateway.gateway.policy;

/**
 * The rules of docs/guideline.md, "Rules on every post", each with the guideline section it enforces and its severity.
 */
public enum RuleId {
    NO_REPLY("§6-③", Severity.BLOCK),
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
    /** A date with the wrong weekday beside it (12月20日（土） when that day is a Sunday). */
    WEEKDAY_MISMATCH("§3-④", Severity.WARN),
    /** A day no calendar has (11月31日, 2月30日). */
    IMPOSSIBLE_DATE("§3-④", Severity.WARN),
    /** A date already past on the day the post goes out (city time), unless the sentence reports it as past. */
    PAST_DATE("§3-④", Severity.WARN),
    PLATFORM_LIMIT("platform", Severity.BLOCK),
    IMAGE_REQUIRED("platform", Severity.BLOCK),
    /** More images than the platform's connector can send: X none (text and links), Facebook and Instagram one. */
    IMAGE_NOT_SUPPORTED("platform", Severity.BLOCK),
    /**
     * An answer or quote the target's connector cannot make: X answers and quotes X posts (by their address); LINE,
     * Facebook and Instagram posts stand alone. Refused rather than published as a standalone post.
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
