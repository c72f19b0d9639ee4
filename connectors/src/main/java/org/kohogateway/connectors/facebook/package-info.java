/** The Facebook Page connector, which posts to a Page's feed through the Graph API with RestFB. */
@NullMarked
package org.kohogateway.connectors.facebook;

import org.jspecify.annotations.NullMarked;
