/**
 * Graph API plumbing shared by the Facebook Page and Instagram connectors: RestFB over a transport that
 * tells connect failures from lost answers, and classification of Graph errors by code. Internal to this
 * module; the gateway uses the connectors, not these classes.
 */
@NullMarked
package org.kohogateway.connectors.graph;

import org.jspecify.annotations.NullMarked;
