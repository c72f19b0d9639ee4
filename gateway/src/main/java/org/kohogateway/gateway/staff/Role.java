package org.kohogateway.gateway.staff;

/** What a member of staff may do (docs/guideline.md, "Roles and separation of duties"). A person may hold several. */
public enum Role {
    /** 運営者・投稿者: drafts and schedules posts. */
    POSTER,
    /** 所属長: approves posts of their own department's accounts. */
    APPROVER,
    /** 広報担当課: approves posts of no-approval accounts, publishes already-published content directly. */
    PR_OFFICER,
    /** Reads everything, changes nothing. */
    AUDITOR,
    /** Users, credentials, crisis pauses. */
    ADMIN
}
