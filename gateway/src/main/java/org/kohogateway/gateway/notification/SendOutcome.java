package org.kohogateway.gateway.notification;

/** What one attempt to hand a notification to its receiver came to. */
sealed interface SendOutcome {

    /** The receiver took it (SMTP accepted it, the webhook answered 2xx). */
    record Sent() implements SendOutcome {
    }

    /** Worth trying again later: a timeout, a refused connection, a 5xx, 408 or 429. */
    record Transient(String reason) implements SendOutcome {
    }

    /** Trying again would not help: the receiver refused it for good (another 4xx, a bad address). */
    record Permanent(String reason) implements SendOutcome {
    }
}
