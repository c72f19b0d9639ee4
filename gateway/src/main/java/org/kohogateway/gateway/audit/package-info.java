/** The audit trail: an append-only record of every state change and platform outcome, for auditors. */
@ApplicationModule(allowedDependencies = "support")
@NullMarked
package org.kohogateway.gateway.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
