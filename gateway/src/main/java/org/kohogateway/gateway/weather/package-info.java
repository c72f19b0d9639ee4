/**
 * Weather warnings (気象警報・注意報) from the Japan Meteorological Agency's disaster-information XML feeds (気象庁防災情報XML,
 * PULL型 Atom feeds): polled with conditional GET, parsed safely, each change for the city's areas stored once,
 * audited and announced as {@link org.kohogateway.gateway.weather.WeatherWarningChanged}. Never publishes a post.
 */
@ApplicationModule(allowedDependencies = { "audit", "support" })
@NullMarked
package org.kohogateway.gateway.weather;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
