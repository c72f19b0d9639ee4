package org.kohogateway.gateway.account;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an account stands in its opening (guideline §5 開始手続き), policy change and closing (廃止) workflows. An
 * account whose policy change or closing is under review keeps taking posts under the policy in force: those states
 * are in service.
 */
public enum AccountStatus {
    DRAFT,
    /** Waiting for the owning department's head (所属長). */
    PENDING_DEPARTMENT,
    /** Waiting for the PR department's review (広報担当課の審査). */
    PENDING_PR,
    ACTIVE,
    /** A new policy version proposed, waiting for the department head; the current version stays in force. */
    CHANGE_PENDING_DEPARTMENT,
    /** A new policy version approved by the department head, waiting for the PR department's review. */
    CHANGE_PENDING_PR,
    CLOSING_PENDING_DEPARTMENT,
    CLOSING_PENDING_PR,
    /** Closing approved; the account closes when its closing date begins (city time). */
    CLOSING_SCHEDULED,
    CLOSED;

    /** The states in which the account takes posts and appears on the public list. */
    public static final Set<AccountStatus> IN_SERVICE = EnumSet.of(ACTIVE, CHANGE_PENDING_DEPARTMENT,
            CHANGE_PENDING_PR, CLOSING_PENDING_DEPARTMENT, CLOSING_PENDING_PR, CLOSING_SCHEDULED);

    /** The states waiting for the owning department's head, whichever the request. */
    public static final Set<AccountStatus> DEPARTMENT_STEP = EnumSet.of(PENDING_DEPARTMENT,
            CHANGE_PENDING_DEPARTMENT, CLOSING_PENDING_DEPARTMENT);

    /** The states waiting for the PR department's review, whichever the request. */
    public static final Set<AccountStatus> PR_STEP = EnumSet.of(PENDING_PR, CHANGE_PENDING_PR, CLOSING_PENDING_PR);

    public boolean inService() {
        return IN_SERVICE.contains(this);
    }

    boolean closing() {
        return this == CLOSING_PENDING_DEPARTMENT || this == CLOSING_PENDING_PR || this == CLOSING_SCHEDULED;
    }

    /** A proposed policy version is under review. */
    public boolean policyChange() {
        return this == CHANGE_PENDING_DEPARTMENT || this == CHANGE_PENDING_PR;
    }

    /** Where the department head's approval sends the request: on to the PR department's review. */
    AccountStatus afterDepartment() {
        return switch (this) {
            case PENDING_DEPARTMENT -> PENDING_PR;
            case CHANGE_PENDING_DEPARTMENT -> CHANGE_PENDING_PR;
            case CLOSING_PENDING_DEPARTMENT -> CLOSING_PENDING_PR;
            default -> throw new IllegalStateException("no department step in " + this);
        };
    }

    /** Where the PR department's approval leaves the account: open, under its new policy, or closing on its date. */
    AccountStatus afterPr() {
        return switch (this) {
            case PENDING_PR, CHANGE_PENDING_PR -> ACTIVE;
            case CLOSING_PENDING_PR -> CLOSING_SCHEDULED;
            default -> throw new IllegalStateException("no PR step in " + this);
        };
    }

    /** Where a rejection at either step sends the request back: a draft to its drafters, anything else to service. */
    AccountStatus afterRejection() {
        return this == PENDING_DEPARTMENT || this == PENDING_PR ? DRAFT : ACTIVE;
    }
}
