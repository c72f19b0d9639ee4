package org.kohogateway.gateway.crisis;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.DeliveryView;

/**
 * @param held deliveries whose time passed during the pause: held for a new time or cancellation, never sent at once
 */
public record ResumeReport(@Nullable Long accountId, List<DeliveryView> held) {
}
