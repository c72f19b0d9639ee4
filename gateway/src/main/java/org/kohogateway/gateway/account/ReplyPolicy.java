package org.kohogateway.gateway.account;

/** How the account handles comments (guideline §6-③). */
public enum ReplyPolicy {
    REPLIES_ALLOWED,
    /** The account does not reply to or comment on others' posts; the profile must say so. */
    NO_REPLIES
}
