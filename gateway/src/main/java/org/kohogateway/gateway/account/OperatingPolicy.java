package org.kohogateway.gateway.account;

import java.util.Objects;

/**
 * The operating method part of an account's 運用ポリシー (guideline §5) that the gateway enforces.
 *
 * @param departmentApprovalRequired false means the policy waives 所属長 approval, so the PR department
 *                                   approves instead (guideline §6-②)
 */
public record OperatingPolicy(boolean departmentApprovalRequired, ReplyPolicy replyPolicy) {

    public OperatingPolicy {
        Objects.requireNonNull(replyPolicy, "replyPolicy");
    }
}
