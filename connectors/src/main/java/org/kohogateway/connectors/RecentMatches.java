package org.kohogateway.connectors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The posts a {@link PlatformConnector#findRecent} look-up found with the publication's text, and what they
 * allow it to answer. Shared by the connectors that can look posts up, so that the rules are the same
 * everywhere: a post recorded for another delivery is never a candidate (the same text may be published on
 * purpose more than once); a post whose platform time is before {@code since}, or cannot be read, is never
 * adopted; and only a single candidate is {@link FindOutcome.Found}.
 */
public final class RecentMatches {

    private final Instant since;
    private final Set<String> excludedPostIds;
    private final List<String> candidateIds = new ArrayList<>();
    private final List<String> undatedIds = new ArrayList<>();

    public RecentMatches(Instant since, Set<String> excludedPostIds) {
        this.since = Objects.requireNonNull(since, "since");
        this.excludedPostIds = Set.copyOf(excludedPostIds);
    }

    /** Takes note of a post whose text matches, with its time on the platform if it could be read. */
    public void add(String postId, Optional<Instant> postedAt) {
        Objects.requireNonNull(postId, "postId");
        if (excludedPostIds.contains(postId)) {
            return;
        }
        if (postedAt.isEmpty()) {
            undatedIds.add(postId);
        } else if (!postedAt.get().isBefore(since)) {
            candidateIds.add(postId);
        }
    }

    /** The answer once every post since {@code since} has been read. */
    public FindOutcome outcome() {
        if (candidateIds.size() > 1) {
            return new FindOutcome.Ambiguous(candidateIds);
        }
        if (!undatedIds.isEmpty()) {
            return new FindOutcome.Failed("posts " + undatedIds + " have the text but no readable time, so they "
                    + "cannot be told apart from earlier posts");
        }
        return candidateIds.isEmpty() ? new FindOutcome.NotFound() : new FindOutcome.Found(candidateIds.get(0));
    }

    /**
     * The answer when not every post since {@code since} could be read: two candidates are already
     * ambiguous, but one could have a twin among the unread posts, and none proves nothing.
     */
    public FindOutcome incomplete(String why) {
        if (candidateIds.size() > 1) {
            return new FindOutcome.Ambiguous(candidateIds);
        }
        return new FindOutcome.Failed(why + (candidateIds.isEmpty() ? "" : " (" + candidateIds.get(0)
                + " matches, but another match may be among the posts not read)"));
    }
}
