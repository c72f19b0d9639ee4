package org.kohogateway.gateway.audit;

/** An anchor was made: the notification module sends it to the auditors (e-mail and subscribed webhooks). */
public record AuditAnchored(AuditAnchor anchor) {
}
