/** Incidents (guideline §7-②): flame wars, impersonation and hoaxes, tracked through the guideline's response steps. */
package org.kohogateway.gateway.incident;
