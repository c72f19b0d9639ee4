/** The LINE Official Account connector, which broadcasts through the official Messaging API SDK with LINE's retry key. */
@NullMarked
package org.kohogateway.connectors.line;

import org.jspecify.annotations.NullMarked;
