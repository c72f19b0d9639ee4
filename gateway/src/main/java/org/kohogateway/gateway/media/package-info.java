/**
 * Uploaded images (issue 19): cleaned of their metadata on the way in, kept once by their SHA-256, served to the pages
 * as thumbnails and to the platforms that fetch by address through signed, expiring links.
 */
@ApplicationModule(allowedDependencies = { "staff", "support" })
@NullMarked
package org.kohogateway.gateway.media;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
