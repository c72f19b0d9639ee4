package org.kohogateway.gateway.account;

import java.util.Map;

/** A state change of an account, written to the audit trail in the transaction that saves it. */
record AccountEvent(String action, String before, String after, Map<String, ?> detail) {
}
