package org.kohogateway.gateway.staff;

import java.util.Set;

/**
 * A member of staff, with the roles they may use in this request. Besides the raw role checks, it answers the questions
 * that depend on the roles alone, each in one place, for the use cases that enforce them and for the pages that show
 * a menu entry only to those who may use it.
 */
public record Staff(long id, String username, String displayName, long departmentId, Set<Role> roles) {

    public Staff {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        for (Role role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Writes posts, by hand or by importing them: posters, and PR officers (guideline §6). */
    public boolean mayWritePosts() {
        return hasAny(Role.POSTER, Role.PR_OFFICER);
    }

    /** Decides on others' posts: approvers for their department, PR officers on the PR route. */
    public boolean mayDecidePosts() {
        return hasAny(Role.APPROVER, Role.PR_OFFICER);
    }

    /** Publishes the city's already-published press releases directly (§6-① exception): the PR department. */
    public boolean publishesDirectly() {
        return has(Role.PR_OFFICER);
    }

    /** Looks after every account, so reads every post and delivery (§1 need-to-know): PR, admins, auditors. */
    public boolean readsEveryAccount() {
        return hasAny(Role.PR_OFFICER, Role.ADMIN, Role.AUDITOR);
    }

    /**
     * Pauses and resumes accounts, settles uncertain deliveries and deletes sent posts, for every account (§6-③): the
     * PR department and admins.
     */
    public boolean handlesEveryAccount() {
        return hasAny(Role.ADMIN, Role.PR_OFFICER);
    }

    /** Lets an approved emergency post out during a pause (§6-③ イ): admins only. */
    public boolean mayOverridePauses() {
        return has(Role.ADMIN);
    }

    /** Runs the system: staff, account credentials, notification settings, restarting others' imports. */
    public boolean administers() {
        return has(Role.ADMIN);
    }

    /** Reads the audit log and every import: auditors and admins. */
    public boolean audits() {
        return hasAny(Role.AUDITOR, Role.ADMIN);
    }

    /** Requests official accounts and changes to them: posters, approvers and admins. */
    public boolean mayRequestAccounts() {
        return hasAny(Role.POSTER, Role.APPROVER, Role.ADMIN);
    }

    /** Responds to incidents (reports, steps, closing): PR officers, approvers and admins. */
    public boolean respondsToIncidents() {
        return hasAny(Role.ADMIN, Role.PR_OFFICER, Role.APPROVER);
    }

    /** Reads incidents: those who respond to them, and auditors. */
    public boolean readsIncidents() {
        return respondsToIncidents() || has(Role.AUDITOR);
    }

    /** May be named an operator of an account, who posts to it (§2): posters. */
    public boolean mayOperateAccounts() {
        return has(Role.POSTER);
    }
}
