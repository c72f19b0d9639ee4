package org.kohogateway.gateway.account;

import java.time.Instant;
import java.util.Set;

/**
 * One reading of an account's live profile and what it showed.
 *
 * @param trigger why it was read: ACTIVATION, SCHEDULE or TEST_CONNECTION
 */
public record ProfileCheck(long accountId, Instant checkedAt, ProfileCompliance.Outcome outcome,
        Set<ProfileCompliance.Gap> gaps, String reason, String trigger) {
}
