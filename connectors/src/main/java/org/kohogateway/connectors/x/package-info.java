/** The X connector, which posts through X API v2 with Twitter4J (OAuth 1.0a) and twitter4j-v2. */
@NullMarked
package org.kohogateway.connectors.x;

import org.jspecify.annotations.NullMarked;
