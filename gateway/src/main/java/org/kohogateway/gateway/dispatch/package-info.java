/** The dispatcher: claims due deliveries and sends them through the platform connectors, never early and never twice. */
@ApplicationModule(allowedDependencies = { "account", "audit", "crisis", "media", "policy", "post", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.dispatch;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
