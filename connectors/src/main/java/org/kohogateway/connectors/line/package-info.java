/** The LINE Official Account connector, which broadcasts through the official Messaging API SDK with LINE's retry key. */
package org.kohogateway.connectors.line;
