package org.kohogateway.gateway.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pushes a post's LINE deliveries to one test recipient (a staff member's own LINE user) before approval, so the poster
 * and the approver see exactly what subscribers will get. Audited; the broadcast itself is untouched.
 */
@Service
public class LinePreviews {

    private final PostWorkflow posts;
    private final OfficialAccounts accounts;
    private final ConnectorRegistry connectors;
    private final StaffDirectory staff;
    private final AuditTrail audit;

    LinePreviews(PostWorkflow posts, OfficialAccounts accounts, ConnectorRegistry connectors, StaffDirectory staff,
            AuditTrail audit) {
        this.posts = posts;
        this.accounts = accounts;
        this.connectors = connectors;
        this.staff = staff;
        this.audit = audit;
    }

    public record PreviewResult(UUID deliveryId, long accountId, String outcome, String detail) {
    }

    @Transactional
    public List<PreviewResult> preview(String username, PostId postId, String recipientUserId) {
        Staff actor = staff.byUsername(username);
        if (!actor.hasAny(Role.POSTER, Role.APPROVER, Role.PR_OFFICER)) {
            throw new NotPermittedException("post.previewNotPermitted", "previews are for posters and approvers");
        }
        Post post = posts.get(postId);
        List<PreviewResult> results = new ArrayList<>();
        for (Delivery d : post.deliveries()) {
            OfficialAccount account = accounts.get(d.accountId());
            if (account.platform() != Platform.LINE) {
                continue;
            }
            LineConnector line = (LineConnector) connectors.forAccount(account.id(), Platform.LINE);
            PublishOutcome outcome = line.pushPreview(recipientUserId, new Publication(d.id(), post.content().text(),
                    post.content().links(), post.content().mediaUrls(),
                    account.policy().replyPolicy() == ReplyPolicy.NO_REPLIES));
            PreviewResult result = switch (outcome) {
                case PublishOutcome.Published p -> new PreviewResult(d.id(), account.id(), "SENT", p.platformPostId());
                case PublishOutcome.Transient t -> new PreviewResult(d.id(), account.id(), "RETRY_LATER", t.reason());
                case PublishOutcome.Permanent p -> new PreviewResult(d.id(), account.id(), "REFUSED", p.reason());
                case PublishOutcome.Unknown u -> new PreviewResult(d.id(), account.id(), "UNKNOWN", u.reason());
            };
            audit.record(actor.username(), "PREVIEW_PUSHED", "DELIVERY", d.id().toString(), null, null,
                    Map.of("recipient", recipientUserId, "outcome", result.outcome(), "detail", result.detail()));
            results.add(result);
        }
        if (results.isEmpty()) {
            throw new InvalidRequestException("post.previewNoLine", "this post has no LINE account to preview");
        }
        return results;
    }
}
