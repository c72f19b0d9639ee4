package org.kohogateway.gateway.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.SourcePage;

/** A post as the API shows it, with one line per target account. */
record PostView(UUID id, PostStatus status, ApprovalRoute route, String author, String text, List<URI> links,
        List<URI> mediaUrls, @Nullable String replyTo, @Nullable String quoteOf, @Nullable String proposal,
        PostCategory category, @Nullable Instant scheduledAt, @Nullable String sourceUrl, @Nullable String sourceTitle,
        @Nullable String sourceSha256, @Nullable Instant sourceFetchedAt, @Nullable UUID correctionOf,
        String contentHash, boolean approvalValid, @Nullable String decidedBy, @Nullable Instant decidedAt,
        @Nullable String decisionComment, List<FindingView> findings, Set<String> acknowledged,
        List<DeliveryLine> deliveries, Instant createdAt, Instant updatedAt, List<MediaLine> media, boolean drill) {

    /** An image of the post as the approval binds it; {@code thumbnailUrl} is for the signed-in pages. */
    record MediaLine(long id, String sha256, String contentType, int width, int height, long bytes, String altText,
            URI thumbnailUrl) {
    }

    record DeliveryLine(UUID id, long accountId, @Nullable String accountName, @Nullable Platform platform,
            DeliveryStatus status, @Nullable Instant dueAt, int attempts, @Nullable String platformPostId,
            @Nullable String lastError, @Nullable Instant sentAt, @Nullable String holdReason) {
    }

    static PostView of(Post post, Map<Long, String> usernames, Map<Long, OfficialAccount> accounts,
            List<FindingView> findings) {
        List<DeliveryLine> lines = post.deliveries().stream().map(d -> line(d, accounts.get(d.accountId()))).toList();
        var content = post.content();
        SourcePage source = post.sourcePage();
        return new PostView(post.id().value(), post.status(), post.route(), usernames.get(post.authorId()),
                content.text(), content.links(), content.mediaUrls(), content.replyTo(), content.quoteOf(),
                content.proposal(), content.category(), post.scheduledAt(), post.sourceUrl(),
                source == null ? null : source.title(), source == null ? null : source.sha256(),
                source == null ? null : source.fetchedAt(),
                post.correctionOf() == null ? null : post.correctionOf().value(), post.contentHash(),
                post.contentHash().equals(post.approvedHash()),
                post.decidedBy() == null ? null : usernames.get(post.decidedBy()), post.decidedAt(),
                post.decisionComment(), findings, post.acknowledged(), lines, post.createdAt(), post.updatedAt(),
                content.media().stream().map(m -> new MediaLine(m.mediaId(), m.sha256(), m.contentType(), m.width(),
                        m.height(), m.bytes(), m.altText(), URI.create("/media/" + m.mediaId() + "/thumbnail")))
                        .toList(), post.drill());
    }

    private static DeliveryLine line(Delivery d, @Nullable OfficialAccount account) {
        return new DeliveryLine(d.id(), d.accountId(), account == null ? null : account.name(),
                account == null ? null : account.platform(), d.status(), d.dueAt(), d.attempts(), d.platformPostId(),
                d.lastError(), d.sentAt(), d.holdReason());
    }
}
