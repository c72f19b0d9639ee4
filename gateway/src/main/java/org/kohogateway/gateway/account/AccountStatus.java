package org.kohogateway.gateway.account;

/** Only ACTIVE accounts take posts. */
public enum AccountStatus {
    DRAFT, ACTIVE, CLOSED
}
