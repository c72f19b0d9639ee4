package org.kohogateway.gateway.account;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A state change of an account, written to the audit trail in the transaction that saves it. */
record AccountEvent(String action, @Nullable String before, String after, Map<String, ?> detail) {
}
