package org.kohogateway.gateway.crisis;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param inFlightWait how long a pause call waits for platform requests that had already started to finish, so it can
 *                     report their outcome (default 5s); requests still running then are reported as in flight
 */
@Validated
@ConfigurationProperties("gateway.crisis")
record CrisisProperties(@DefaultValue("5s") @NotNull Duration inFlightWait) {
}
