/** Plain-Java connectors that publish to, delete from and read profiles of official accounts on each platform. */
@NullMarked
package org.kohogateway.connectors;

import org.jspecify.annotations.NullMarked;
