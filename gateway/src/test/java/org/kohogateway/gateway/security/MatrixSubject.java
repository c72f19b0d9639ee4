package org.kohogateway.gateway.security;

/**
 * The callers the authorization matrix walks, one column each: nobody, a person of each role with their own
 * credentials, and API tokens of each scope.
 */
enum MatrixSubject {

    ANONYMOUS("anonymous"),
    POSTER("POSTER"),
    APPROVER("APPROVER"),
    PR_OFFICER("PR_OFFICER"),
    AUDITOR("AUDITOR"),
    ADMIN("ADMIN"),
    /** A poster's token with POSTER, for every account, no decisions. */
    POSTER_TOKEN("POSTER token"),
    /** A department head's token with APPROVER, for every account, not issued for decisions. */
    APPROVER_TOKEN("APPROVER token"),
    /** The same department head's token issued for decisions, after the second-factor check. */
    APPROVER_DECISION_TOKEN("APPROVER token + decisions"),
    /** A PR officer's token with PR_OFFICER and POSTER, limited to one PR department account, no decisions. */
    PR_ACCOUNT_TOKEN("PR token, 1 account");

    final String column;

    MatrixSubject(String column) {
        this.column = column;
    }

    boolean token() {
        return compareTo(POSTER_TOKEN) >= 0;
    }
}
