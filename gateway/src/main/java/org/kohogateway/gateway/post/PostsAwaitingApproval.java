package org.kohogateway.gateway.post;

import java.util.List;

/**
 * Published instead of one {@link PostAwaitingApproval} each when many posts came to wait for approval in one
 * transaction (a chunk of imported rows): their notifications are written together, after commit, in one
 * transaction of the listener's.
 */
public record PostsAwaitingApproval(List<PostAwaitingApproval> posts) {

    public PostsAwaitingApproval {
        posts = List.copyOf(posts);
    }
}
