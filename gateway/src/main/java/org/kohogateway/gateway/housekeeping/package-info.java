/**
 * Housekeeping as a Spring Batch job, once a day: old Spring Batch metadata and expired idempotency data go; nothing
 * auditors need (audit trail, posts, deliveries, import history) is touched.
 */
@ApplicationModule(allowedDependencies = { "feed", "importing", "notification" })
package org.kohogateway.gateway.housekeeping;

import org.springframework.modulith.ApplicationModule;
