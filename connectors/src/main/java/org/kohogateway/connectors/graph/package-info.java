/**
 * Graph API plumbing shared by the Facebook Page, Instagram and Threads connectors: RestFB over a transport that
 * tells connect failures from lost answers, classification of Graph errors by code, and Meta's container flow
 * ({@link org.kohogateway.connectors.graph.MetaContainers}) that Instagram and Threads publish through. Internal to
 * this module, except {@link org.kohogateway.connectors.graph.QuotaReading}: the gateway shows the quota the
 * Instagram and Threads connectors read.
 */
@NullMarked
package org.kohogateway.connectors.graph;

import org.jspecify.annotations.NullMarked;
