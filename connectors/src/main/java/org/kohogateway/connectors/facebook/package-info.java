/** The Facebook Page connector, which posts to a Page's feed through the Graph API with RestFB. */
package org.kohogateway.connectors.facebook;
