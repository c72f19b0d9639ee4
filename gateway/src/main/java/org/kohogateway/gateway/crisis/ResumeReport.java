package org.kohogateway.gateway.crisis;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.DeliveryView;

/**
 * @param held the resumed accounts' deliveries waiting for a decision: those the pause stopped and those whose time
 *             passed during it (HELD, or UNCERTAIN when an earlier attempt may already be out). None is sent by the
 *             resume: each is sent now, rescheduled or cancelled by a person
 */
public record ResumeReport(@Nullable Long accountId, List<DeliveryView> held) {
}
