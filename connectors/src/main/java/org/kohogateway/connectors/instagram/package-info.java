/** The Instagram connector, which publishes images through the Instagram Graph API's two-step container flow with RestFB. */
package org.kohogateway.connectors.instagram;
