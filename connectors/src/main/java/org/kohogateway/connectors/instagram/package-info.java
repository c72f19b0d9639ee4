/** The Instagram connector, which publishes images through the Instagram Graph API's two-step container flow with RestFB. */
@NullMarked
package org.kohogateway.connectors.instagram;

import org.jspecify.annotations.NullMarked;
