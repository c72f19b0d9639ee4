/** Crisis controls (guideline §7-②): pause an account or everything at once, resume safely, emergency override. */
@ApplicationModule(allowedDependencies = { "account", "audit", "post", "staff", "support" })
package org.kohogateway.gateway.crisis;

import org.springframework.modulith.ApplicationModule;
