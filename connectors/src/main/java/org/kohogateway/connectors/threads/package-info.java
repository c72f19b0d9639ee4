/** A Threads profile, reached through Meta's Threads API on {@code graph.threads.net}. */
@NullMarked
package org.kohogateway.connectors.threads;

import org.jspecify.annotations.NullMarked;
