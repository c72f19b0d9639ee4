package org.kohogateway.gateway.policy;

public enum Severity {
    /** The post cannot be submitted, approved or sent while this stands. */
    BLOCK,
    /** The approver must acknowledge this explicitly; the acknowledgement is audited. */
    ACKNOWLEDGE,
    /** Shown to poster and approver; nothing is required. */
    WARN
}
