package org.kohogateway.gateway.crisis;

import java.util.List;

import org.kohogateway.gateway.post.DeliveryView;

/**
 * What a pause call reports once it returns: from then on no platform request starts for the paused accounts.
 *
 * @param inFlight deliveries whose platform request had already started, with the outcome they reached (still
 *                 SENDING if it did not arrive within the configured wait)
 * @param heldBack posts a platform held for their time (YouTube's scheduled videos) and what holding them back did
 */
public record PauseReport(Pause pause, List<DeliveryView> inFlight, List<PlatformSchedules.HeldBack> heldBack) {

    public PauseReport {
        inFlight = List.copyOf(inFlight);
        heldBack = List.copyOf(heldBack);
    }
}
