/** The posting gateway: approval-gated outbox for a city's official social-media accounts. */
@NullMarked
package org.kohogateway.gateway;

import org.jspecify.annotations.NullMarked;
