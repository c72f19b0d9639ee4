package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.policy.Candidate;

/**
 * A delivery a dispatcher has claimed (now SENDING), with everything needed to re-check and send it.
 *
 * @param acknowledged  keys of the findings the approver acknowledged for this content
 * @param pauseOverride an admin allowed this emergency delivery to go out during a pause
 * @param dueAt         when it became due
 * @param scheduledFor  when it was meant to go out (retries and deferrals keep it; null for rows from before V18)
 * @param firstStartedAt when its first platform request started, or null before any
 * @param credentialsVersion the version of the account's credentials when it was claimed: a connector built from
 *                      older ones is rebuilt before sending
 */
public record ClaimedDelivery(UUID id, PostId postId, long accountId, Platform platform, ReplyPolicy replyPolicy,
        PostContent content, Set<String> acknowledged, boolean pauseOverride, int attempt, Instant dueAt,
        Instant scheduledFor, Instant firstStartedAt, long credentialsVersion) {

    public ClaimedDelivery {
        acknowledged = Set.copyOf(acknowledged);
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
        return PostWorkflow.candidate(content, List.of(new Candidate.Target(accountId, platform, replyPolicy)));
    }
}
