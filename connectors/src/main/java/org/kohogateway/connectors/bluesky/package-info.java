/**
 * A Bluesky account over the AT Protocol's XRPC over HTTPS: an app-password session, posts written under a record key
 * derived from the delivery, so that a repeated attempt can never make a second post.
 */
@NullMarked
package org.kohogateway.connectors.bluesky;

import org.jspecify.annotations.NullMarked;
