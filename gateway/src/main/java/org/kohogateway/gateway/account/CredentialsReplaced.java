package org.kohogateway.gateway.account;

/** Published after an account's platform credentials changed, so cached platform clients are rebuilt. */
public record CredentialsReplaced(long accountId) {
}
