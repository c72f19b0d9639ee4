/**
 * A YouTube channel through the Data API v3 and Google's Java client: videos uploaded with the resumable protocol,
 * held private until the approved time ({@code status.publishAt}) so that YouTube makes them public on time itself.
 */
@NullMarked
package org.kohogateway.connectors.youtube;

import org.jspecify.annotations.NullMarked;
