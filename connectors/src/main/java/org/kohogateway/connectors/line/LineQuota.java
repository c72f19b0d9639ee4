package org.kohogateway.connectors.line;

import java.util.Objects;

/**
 * The LINE Official Account's message quota for the current month, as LINE reports it through
 * {@code GET /v2/bot/message/quota} and {@code GET /v2/bot/message/quota/consumption}.
 *
 * <p>LINE counts a broadcast once per friend who receives it, so {@link Limited#used()} grows by the
 * number of friends with every broadcast, not by one.
 */
public sealed interface LineQuota {

    /**
     * The plan caps the month's messages.
     *
     * @param total the month's target limit (free and additional messages together)
     * @param used  the messages sent so far this month
     */
    record Limited(long total, long used) implements LineQuota {
        public Limited {
            if (total < 0 || used < 0) {
                throw new IllegalArgumentException("quota figures cannot be negative: total " + total + ", used " + used);
            }
        }

        /** What is left this month; zero, never negative, once the limit has been reached or passed. */
        public long remaining() {
            return Math.max(0, total - used);
        }
    }

    /**
     * The plan sets no monthly limit.
     *
     * @param used the messages sent so far this month
     */
    record Unlimited(long used) implements LineQuota {
        public Unlimited {
            if (used < 0) {
                throw new IllegalArgumentException("used cannot be negative: " + used);
            }
        }
    }

    /** The quota could not be read: LINE refused, did not answer, or answered something unreadable. */
    record Failed(String reason) implements LineQuota {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
