/**
 * Bulk import of scheduled posts from CSV (Spring Batch): the upload is checked and kept, a chunk-oriented job
 * validates every row with the policy rules and creates the posts through the normal workflow, and a failed job
 * restarts where it stopped.
 */
@ApplicationModule(allowedDependencies = { "audit", "policy", "post", "staff", "support" })
@NullMarked
package org.kohogateway.gateway.importing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
