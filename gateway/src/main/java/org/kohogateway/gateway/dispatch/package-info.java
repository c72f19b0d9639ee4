/** The dispatcher: claims due deliveries and sends them through the platform connectors, never early and never twice. */
package org.kohogateway.gateway.dispatch;
