/** Incidents (guideline §7-②): flame wars, impersonation and hoaxes, tracked through the guideline's response steps. */
@ApplicationModule(allowedDependencies = { "account", "audit", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.incident;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
