/** The policy rules: every guideline rule checked on every post at submit, at approval and just before dispatch. */
@ApplicationModule(allowedDependencies = { "account", "audit", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
