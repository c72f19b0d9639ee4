package org.kohogateway.gateway.account;

import java.util.Set;

/**
 * Published in the transaction that records a profile check whose result newly fails (guideline §7-①, §6-③): the
 * account's department and PR are told.
 *
 * @param gaps what the profile lacks now
 */
public record ProfileNoncompliant(long accountId, Set<ProfileCompliance.Gap> gaps) {

    public ProfileNoncompliant {
        gaps = Set.copyOf(gaps);
    }
}
