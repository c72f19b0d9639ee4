/** Departments (所属) and staff with their roles; the source of who may do what. */
@ApplicationModule(allowedDependencies = { "audit", "support" })
@NullMarked
package org.kohogateway.gateway.staff;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
