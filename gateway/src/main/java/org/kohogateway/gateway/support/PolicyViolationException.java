package org.kohogateway.gateway.support;

import java.util.List;

/**
 * The post breaks a guideline rule: blocking findings stand, or findings that need the approver's acknowledgement
 * were not acknowledged. Carries the findings so the caller sees each rule, its section and the offending span.
 */
public final class PolicyViolationException extends GatewayException {

    private final transient List<?> findings;

    public PolicyViolationException(String code, String fallback, List<?> findings) {
        super(code, fallback, findings.size());
        this.findings = List.copyOf(findings);
    }

    public List<?> findings() {
        return findings;
    }
}
