package org.kohogateway.gateway.account;

/**
 * An account's credentials as stored now, with their version: the version goes up on every change, so whoever
 * built something from older credentials can tell.
 */
public record CurrentCredentials(long version, PlatformCredentials credentials) {
}
