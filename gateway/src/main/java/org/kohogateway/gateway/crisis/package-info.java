/** Crisis controls (guideline §7-②): pause an account or everything at once, resume safely, emergency override. */
@ApplicationModule(allowedDependencies = { "account", "audit", "post", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.crisis;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
