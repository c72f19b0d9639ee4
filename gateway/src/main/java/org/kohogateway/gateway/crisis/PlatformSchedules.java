package org.kohogateway.gateway.crisis;

import java.util.List;
import java.util.UUID;

/**
 * Posts a platform already holds and will make public by itself at their approved time (a YouTube video uploaded
 * private with {@code publishAt}): a pause must reach them there, since no request of the gateway's is left to stop.
 * Implemented where the platforms are reached (the dispatch module); a pause calls every implementation once its
 * gate is closed, outside its transaction, and reports what each did.
 */
public interface PlatformSchedules {

    /** Holds back, on the platform, what the pause covers and the platform would publish after now. */
    List<HeldBack> holdBack(Pause pause, String actor);

    /**
     * What became of one scheduled post.
     *
     * @param held    whether the platform no longer publishes it by itself
     * @param outcome what the platform said, for the report and the audit trail
     */
    record HeldBack(UUID deliveryId, long accountId, String platformPostId, boolean held, String outcome) {
    }
}
