/**
 * Who may reach what: form login (and the city's identity provider) for the pages, HTTP Basic and API tokens for the
 * API, the second-factor gate in front of both, the public list open to all.
 */
@ApplicationModule(allowedDependencies = { "audit", "login", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
