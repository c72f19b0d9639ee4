/** The policy rules: every guideline rule checked on every post at submit, at approval and just before dispatch. */
@ApplicationModule(allowedDependencies = { "account", "audit", "staff", "support" })
package org.kohogateway.gateway.policy;

import org.springframework.modulith.ApplicationModule;
