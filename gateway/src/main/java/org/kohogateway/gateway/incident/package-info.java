/** Incidents (guideline §7-②): flame wars, impersonation and hoaxes, tracked through the guideline's response steps. */
@ApplicationModule(allowedDependencies = { "account", "audit", "staff", "support" })
package org.kohogateway.gateway.incident;

import org.springframework.modulith.ApplicationModule;
