package org.kohogateway.gateway.notification;

/** What a notification tells about; people choose per kind, webhooks subscribe per kind. */
public enum NotificationKind {
    /** A delivery failed for good: the platform refused it, or retries ran out. */
    DELIVERY_FAILED,
    /** The platform's answer to a send was lost: someone looks on the platform and settles it. */
    DELIVERY_UNCERTAIN,
    /** A delivery waits for a new time (approved late, rules changed, or its time passed during a pause). */
    DELIVERY_HELD,
    /** A post waits for an approval decision. */
    APPROVAL_WAITING,
    /** Sending was paused on an account or everywhere. */
    SENDING_PAUSED,
    /** Sending was resumed. */
    SENDING_RESUMED,
    /** A role granted to you was requested, confirmed or refused (four eyes on deciding and administering roles). */
    ROLE_GRANT,
    /** An account's live profile stopped showing the homepage or the no-reply notice (§7-①, §6-③). */
    PROFILE_NONCOMPLIANT,
    /** A weather warning was issued, lifted, upgraded or downgraded for the city's area (気象庁防災情報XML). */
    WEATHER_WARNING,
    /** The audit chain's head was signed and recorded: the copy an auditor keeps outside the gateway (issue 21). */
    AUDIT_ANCHORED
}
