package org.kohogateway.gateway.api;

import jakarta.validation.constraints.Size;

/** An approver's comment (required to reject), or a reason to cancel. */
record DecisionRequest(@Size(max = 2000) String comment) {
}
