package org.kohogateway.gateway.account;

import java.time.Instant;

/**
 * Published in the transaction that closes an account, so its pending deliveries are cancelled with the reason in
 * that same transaction.
 */
public record AccountClosed(long accountId, String reason, Instant closedAt) {
}
