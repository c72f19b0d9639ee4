package org.kohogateway.gateway.account;

import java.time.Instant;
import java.util.Map;

/** One version of an account's policy as it was saved. */
public record PolicyVersion(int version, Map<String, Object> snapshot, String changedBy, Instant changedAt) {
}
