/** Departments (所属) and staff with their roles; the source of who may do what. */
@ApplicationModule(allowedDependencies = { "audit", "support" })
package org.kohogateway.gateway.staff;

import org.springframework.modulith.ApplicationModule;
