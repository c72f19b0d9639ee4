package org.kohogateway.connectors.instagram;

import java.time.Duration;
import java.util.Objects;

/** The account's content-publishing quota as Instagram reports it, for the gateway to show. */
public sealed interface QuotaReading {

    /**
     * @param used   posts published in the current rolling window ({@code quota_usage})
     * @param total  posts allowed per window ({@code config.quota_total}; 100 per 24 h at the time of writing)
     * @param window the rolling window ({@code config.quota_duration}, 24 h)
     */
    record Quota(int used, int total, Duration window) implements QuotaReading {
        public Quota {
            Objects.requireNonNull(window, "window");
        }

        /** No publication will be accepted until older posts leave the rolling window. */
        public boolean exhausted() {
            return used >= total;
        }

        public int remaining() {
            return Math.max(0, total - used);
        }
    }

    /** The quota could not be read; the reason says why (never the access token). */
    record Failed(String reason) implements QuotaReading {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
