package org.kohogateway.gateway.api;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.policy.RuleId;
import org.kohogateway.gateway.policy.Severity;

/**
 * A rule's finding as the API shows it, explained in the caller's language.
 *
 * @param key acknowledge a finding by sending this key with the approval
 */
record FindingView(RuleId rule, Severity severity, String section, String message, int start, int end,
        @Nullable Long accountId, List<String> values, String key) {
}
