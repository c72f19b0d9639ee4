package org.kohogateway.gateway.feed;

import java.net.URI;
import java.util.List;

/** A feed to poll and who its drafts belong to: from {@link FeedProperties} in production, chosen by tests. */
public record FeedSource(URI url, String author, List<Long> accountIds) {

    public FeedSource {
        accountIds = List.copyOf(accountIds);
    }
}
