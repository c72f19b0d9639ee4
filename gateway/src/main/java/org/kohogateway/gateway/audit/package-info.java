/** The audit trail: an append-only record of every state change and platform outcome, for auditors. */
@ApplicationModule(allowedDependencies = "support")
package org.kohogateway.gateway.audit;

import org.springframework.modulith.ApplicationModule;
