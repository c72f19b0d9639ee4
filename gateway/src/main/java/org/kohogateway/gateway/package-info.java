/** The posting gateway: approval-gated outbox for a city's official social-media accounts. */
package org.kohogateway.gateway;
