package org.kohogateway.gateway.template;

/** What a placeholder takes. */
public enum PlaceholderType {
    /** A time of day, written {@code HH:mm} (24 hours) or {@code HH時mm分}; the post reads {@code HH時mm分}. */
    TIME,
    /** One of the placeholder's listed areas, exactly as listed. */
    AREA,
    /** Free text up to the placeholder's length limit. */
    TEXT
}
