package org.kohogateway.gateway.post;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotPermittedException;

/**
 * Who may do what to one post (guideline §6): separation of duties apart from the state machine that asks. Built from
 * the post as it is now, since a direct publish sent to PR review changes its route and who sent it there.
 *
 * @param submittedBy who sent a direct publish to PR review (like the author, they may not approve it); null before
 */
record PostPermissions(long authorId, @Nullable Long submittedBy, ApprovalRoute route, long departmentId) {

    /** Whoever may decide on the post: never its author or whoever sent it to review. */
    boolean mayApprove(Staff actor) {
        if (isAuthorOrSender(actor)) {
            return false;
        }
        return switch (route) {
            case DEPARTMENT -> actor.has(Role.APPROVER) && actor.departmentId() == departmentId;
            case PR_REVIEW, PR_DIRECT -> actor.has(Role.PR_OFFICER);
            case TEMPLATE_CONFIRM -> confirmsFilledTemplate(actor);
        };
    }

    /** Refuses an approval or rejection by this person, naming the first reason. */
    void requireEligibleApprover(Staff approver, PostStatus status) {
        if (isAuthorOrSender(approver)) {
            throw new NotPermittedException("post.selfApproval", "nobody approves their own post");
        }
        switch (route) {
            case DEPARTMENT -> {
                if (!approver.has(Role.APPROVER)) {
                    throw new NotPermittedException("post.notApprover", "approving needs the APPROVER role");
                }
                if (approver.departmentId() != departmentId) {
                    throw new NotPermittedException("post.wrongDepartment",
                            "an approver approves only for their own department");
                }
            }
            case PR_REVIEW -> {
                if (!approver.has(Role.PR_OFFICER)) {
                    throw new NotPermittedException("post.needsPr",
                            "the accounts' policy waives department approval, so the PR department approves");
                }
            }
            case TEMPLATE_CONFIRM -> {
                if (!confirmsFilledTemplate(approver)) {
                    throw new NotPermittedException("post.notConfirmer",
                            "a filled template is confirmed by a poster or approver of its department or a PR officer");
                }
            }
            case PR_DIRECT -> throw new IllegalTransitionException("post.directNeedsPublish",
                    "a PR direct post is published, not approved", status);
        }
    }

    /** Only a PR officer publishes a direct post (§6-① exception). */
    boolean mayPublishDirect(Staff actor) {
        return route == ApprovalRoute.PR_DIRECT && actor.has(Role.PR_OFFICER);
    }

    /** Its author, whoever may approve it, an admin (stopping is not deciding). */
    boolean mayCancel(Staff actor) {
        return actor.id() == authorId || mayApprove(actor) || actor.has(Role.ADMIN);
    }

    /** A new time for held deliveries re-confirms the post: whoever may approve it, any PR officer for a direct one. */
    boolean mayReschedule(Staff actor) {
        return route == ApprovalRoute.PR_DIRECT ? actor.has(Role.PR_OFFICER) : mayApprove(actor);
    }

    /**
     * Who may write a correction of the post: its author, its department, or the PR department — those who read it;
     * anyone else would link a correction to a post they never saw.
     */
    boolean mayCorrect(Staff writer) {
        return writer.id() == authorId || writer.departmentId() == departmentId || writer.has(Role.PR_OFFICER);
    }

    /** The author, and whoever may decide on the post: the people who may see it before it goes out. */
    boolean isAuthorOrDecider(Staff actor) {
        return actor.id() == authorId || mayApprove(actor);
    }

    /**
     * Its author; and, since a direct publish is the PR department's own work (a feed item drafted as one officer, a
     * colleague publishing it), any PR officer for a direct publish.
     */
    boolean mayEdit(Staff actor) {
        return actor.id() == authorId || route == ApprovalRoute.PR_DIRECT && actor.has(Role.PR_OFFICER);
    }

    void requireEditor(Staff actor, String action) {
        if (!mayEdit(actor)) {
            requireAuthor(actor, action);
        }
    }

    void requireAuthor(Staff actor, String action) {
        if (actor.id() != authorId) {
            throw new NotPermittedException("post.notAuthor", "only the author may " + action + " this post", action);
        }
    }

    /** The second person of the fast lane: a colleague who writes or approves for the department, or PR. */
    private boolean confirmsFilledTemplate(Staff actor) {
        return actor.has(Role.PR_OFFICER) || actor.departmentId() == departmentId
                && actor.hasAny(Role.POSTER, Role.APPROVER);
    }

    private boolean isAuthorOrSender(Staff actor) {
        return actor.id() == authorId || submittedBy != null && actor.id() == submittedBy;
    }
}
