package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.policy.Candidate;

/**
 * A delivery a dispatcher has claimed (now SENDING), with everything needed to re-check and send it.
 *
 * @param altTextRequired the account's policy as it is now: an image without alt text is held
 * @param acknowledged  keys of the findings the approver acknowledged for this content
 * @param pauseOverride an admin allowed this emergency delivery to go out during a pause
 * @param dueAt         when it became due
 * @param scheduledFor  when it was meant to go out (retries and deferrals keep it; null for rows from before V18)
 * @param firstStartedAt when its first platform request started, or null before any
 * @param claimToken    this claim's own token: every later step of the attempt applies only while the delivery still
 *                      carries it
 * @param approval      what the approval was given on, to check the content against just before it is sent
 * @param credentialsVersion the version of the account's credentials when it was claimed: a connector built from
 *                      older ones is rebuilt before sending
 * @param earlierOutcomeUnknown an earlier attempt's answer was lost (LINE retries it under the same key): until it
 *                      is SENT, the delivery may already be out
 * @param departmentId  the post's department: a pause may let one department's posts through
 * @param drill         the post is a drill: it goes only to the staff's test recipients, never to the public account
 */
public record ClaimedDelivery(UUID id, PostId postId, long accountId, Platform platform, ReplyPolicy replyPolicy,
        boolean altTextRequired, PostContent content, Set<String> acknowledged, boolean pauseOverride, int attempt, Instant dueAt,
        @Nullable Instant scheduledFor, @Nullable Instant firstStartedAt, UUID claimToken, Approval approval,
        long credentialsVersion,
        boolean earlierOutcomeUnknown, long departmentId, boolean drill) {

    public ClaimedDelivery {
        acknowledged = Set.copyOf(acknowledged);
    }

    /**
     * The approval as stored: the hash the approver's decision is bound to, and what besides the content goes into it
     * (the post's targets and cited source).
     */
    public record Approval(String approvedHash, List<Long> postAccountIds, @Nullable String sourceUrl) {

        public Approval {
            postAccountIds = List.copyOf(postAccountIds);
        }
    }

    /**
     * Whether what is about to be sent is what was approved, recomputed from the content itself rather than from the
     * hash the application stored beside it: a change made behind the workflow's back (a direct SQL edit of the text)
     * does not match.
     */
    public boolean matchesApproval() {
        return approval.approvedHash() != null
                && approval.approvedHash().equals(content.fingerprint(approval.postAccountIds(), approval.sourceUrl()));
    }

    public boolean noReplies() {
        return replyPolicy == ReplyPolicy.NO_REPLIES;
    }

    public String text() {
        return content.text();
    }

    public List<URI> links() {
        return content.links();
    }

    /** The post as the rules see it on this one account. */
    public Candidate candidate() {
        return PostWorkflow.candidate(content, scheduledFor, List.of(new Candidate.Target(accountId, platform, replyPolicy,
                altTextRequired)));
    }
}
