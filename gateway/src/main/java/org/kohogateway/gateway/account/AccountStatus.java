package org.kohogateway.gateway.account;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an account stands in its opening (guideline §5 開始手続き) and closing (廃止) workflows. An account being
 * closed keeps taking posts until its closing date: the closing states are in service.
 */
public enum AccountStatus {
    DRAFT,
    /** Waiting for the owning department's head (所属長). */
    PENDING_DEPARTMENT,
    /** Waiting for the PR department's review (広報担当課の審査). */
    PENDING_PR,
    ACTIVE,
    CLOSING_PENDING_DEPARTMENT,
    CLOSING_PENDING_PR,
    /** Closing approved; the account closes when its closing date begins (city time). */
    CLOSING_SCHEDULED,
    CLOSED;

    /** The states in which the account takes posts and appears on the public list. */
    public static final Set<AccountStatus> IN_SERVICE = EnumSet.of(ACTIVE, CLOSING_PENDING_DEPARTMENT,
            CLOSING_PENDING_PR, CLOSING_SCHEDULED);

    public boolean inService() {
        return IN_SERVICE.contains(this);
    }

    boolean closing() {
        return this == CLOSING_PENDING_DEPARTMENT || this == CLOSING_PENDING_PR || this == CLOSING_SCHEDULED;
    }
}
