package org.kohogateway.gateway.post;

/** Who must approve a post before it goes out (docs/guideline.md, "Approval routes": §6-①, §6-②). */
public enum ApprovalRoute {
    /** §6-①: an APPROVER (所属長) of the department owning the accounts. */
    DEPARTMENT,
    /** §6-②: the accounts' policy waives department approval, so a PR officer approves instead. */
    PR_REVIEW,
    /** §6-① exception: a PR officer publishes content the city has already published, citing its source. */
    PR_DIRECT,
    /**
     * A filled template approved in peacetime (issue 22, the fast lane): a second person confirms it — a poster or
     * approver of the department, not the filler, or any PR officer — and it goes out at once.
     */
    TEMPLATE_CONFIRM
}
