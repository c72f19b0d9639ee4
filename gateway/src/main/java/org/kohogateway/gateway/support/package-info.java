/**
 * Small shared vocabulary of the gateway: the exception kinds every feature raises and the web edge translates, and
 * the sealing of secrets at rest.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package org.kohogateway.gateway.support;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
