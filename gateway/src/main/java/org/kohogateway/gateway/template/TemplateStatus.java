package org.kohogateway.gateway.template;

/** Where one version of a template stands. */
public enum TemplateStatus {
    DRAFT,
    SUBMITTED,
    /** The version in use: filled to post. At most one per template. */
    APPROVED,
    REJECTED,
    /** An approved version replaced by a newer approved one. */
    RETIRED
}
