/**
 * Housekeeping as a Spring Batch job, once a day: old Spring Batch metadata and expired idempotency data go; nothing
 * auditors need (audit trail, posts, deliveries, import history) is touched.
 */
@ApplicationModule(allowedDependencies = { "feed", "importing", "notification" })
@NullMarked
package org.kohogateway.gateway.housekeeping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
