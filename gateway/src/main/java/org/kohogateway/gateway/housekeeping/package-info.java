/**
 * Housekeeping as a Spring Batch job, once a day: old Spring Batch metadata and expired idempotency data go; nothing
 * auditors need (audit trail, posts, deliveries, import history) is touched.
 */
package org.kohogateway.gateway.housekeeping;
