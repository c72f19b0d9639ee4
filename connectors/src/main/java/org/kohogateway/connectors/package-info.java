/** Plain-Java connectors that publish to, delete from and read profiles of official accounts on each platform. */
package org.kohogateway.connectors;
