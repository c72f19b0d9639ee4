/** Who gets in and how: lockout after failed logins, the TOTP second factor, and login through the city's identity provider. */
@ApplicationModule(allowedDependencies = { "audit", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.login;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
