package org.kohogateway.gateway.post;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.kohogateway.connectors.Platform;

/** A delivery a dispatcher has claimed (now SENDING), with everything needed to send it. */
public record ClaimedDelivery(UUID id, PostId postId, long accountId, Platform platform, String text, List<URI> links,
        boolean noReplies, int attempt) {
}
