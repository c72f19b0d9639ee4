/** Posts, their approval routes (guideline §6) and their deliveries: the approval-gated outbox. */
@ApplicationModule(allowedDependencies = { "account", "audit", "media", "policy", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.post;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
