package org.kohogateway.gateway.policy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.ReplyPolicy;

/**
 * What the rules look at: a post's content and where it goes.
 *
 * @param replyTo               the post being replied to or commented on, if this is a reply
 * @param quoteOf               the post being quoted or reposted, if any
 * @param answersPolicyProposal marked as answering a policy proposal (§6-③ ア)
 * @param emergency             marked as an emergency or disaster post (§6-③ イ)
 * @param publishAt             when it is to go out, for the date checks; null for "as soon as approved" (now)
 */
public record Candidate(String text, List<URI> links, List<URI> mediaUrls, String replyTo, String quoteOf,
        boolean answersPolicyProposal, boolean emergency, Instant publishAt, List<Target> targets) {

    public Candidate {
        Objects.requireNonNull(text, "text");
        links = List.copyOf(links);
        mediaUrls = List.copyOf(mediaUrls);
        targets = List.copyOf(targets);
    }

    public record Target(long accountId, Platform platform, ReplyPolicy replyPolicy) {
    }

    public Candidate onlyFor(Target target) {
        return new Candidate(text, links, mediaUrls, replyTo, quoteOf, answersPolicyProposal, emergency,
                publishAt, List.of(target));
    }
}
