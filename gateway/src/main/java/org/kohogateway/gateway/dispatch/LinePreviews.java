package org.kohogateway.gateway.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.crisis.Pause;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.PolicyViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pushes a post's LINE deliveries to one test recipient (a staff member's own LINE user on the configured list)
 * before approval, so the poster and the approver see exactly what subscribers will get. A preview is a real
 * message from the official account, so only the author or someone who may approve the post sends one, never
 * with findings that block the post nor while the account is paused. Audited; the broadcast itself is untouched.
 */
@Service
public class LinePreviews {

    private final PostWorkflow posts;
    private final OfficialAccounts accounts;
    private final ConnectorRegistry connectors;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final Pauses pauses;
    private final Set<String> recipients;
    private final TransactionTemplate transactions;

    LinePreviews(PostWorkflow posts, OfficialAccounts accounts, ConnectorRegistry connectors, StaffDirectory staff,
            AuditTrail audit, Pauses pauses, PlatformProperties platforms, PlatformTransactionManager transactions) {
        this.posts = posts;
        this.accounts = accounts;
        this.connectors = connectors;
        this.staff = staff;
        this.audit = audit;
        this.pauses = pauses;
        this.recipients = Set.copyOf(platforms.line().previewRecipients());
        this.transactions = new TransactionTemplate(transactions);
    }

    public record PreviewResult(UUID deliveryId, long accountId, String outcome, String detail) {
    }

    /** Sends outside any transaction: a slow LINE answer must not hold a database connection. */
    public List<PreviewResult> preview(String username, PostId postId, String recipientUserId) {
        Staff actor = staff.byUsername(username);
        Post post = posts.get(postId);
        if (!post.isAuthorOrDecider(actor)) {
            throw new NotPermittedException("post.previewNotPermitted",
                    "only the author and those who may approve the post preview it");
        }
        if (!recipients.contains(recipientUserId)) {
            throw new InvalidRequestException("post.previewRecipientNotListed",
                    "previews go only to the LINE users listed in gateway.platforms.line.preview-recipients");
        }
        List<Finding> blocking = posts.findings(post).stream().filter(f -> f.severity() == Severity.BLOCK).toList();
        if (!blocking.isEmpty()) {
            throw new PolicyViolationException("rules.blocked", blocking.size() + " guideline rule(s) block this post",
                    blocking);
        }
        List<Long> paused = pauses.active().stream().map(Pause::accountId).toList();
        List<PreviewResult> results = new ArrayList<>();
        for (Delivery d : post.deliveries()) {
            OfficialAccount account = accounts.get(d.accountId());
            if (account.platform() != Platform.LINE) {
                continue;
            }
            if (paused.contains(null) || paused.contains(account.id())) {
                throw new ConflictException("post.previewPaused", "the account is paused: nothing is sent from it",
                        account.name());
            }
            PreviewResult result = push(d, account, post, recipientUserId);
            transactions.executeWithoutResult(status -> audit.record(actor.username(), "PREVIEW_PUSHED", "DELIVERY",
                    d.id().toString(), null, null, Map.of("recipient", recipientUserId, "outcome", result.outcome(),
                            "detail", result.detail())));
            results.add(result);
        }
        if (results.isEmpty()) {
            throw new InvalidRequestException("post.previewNoLine", "this post has no LINE account to preview");
        }
        return results;
    }

    private PreviewResult push(Delivery d, OfficialAccount account, Post post, String recipientUserId) {
        LineConnector line;
        try {
            line = (LineConnector) connectors.forAccount(account.id(), Platform.LINE);
        } catch (ConnectorRegistry.ConnectorUnavailableException e) {
            return new PreviewResult(d.id(), account.id(), "REFUSED", e.getMessage());
        }
        PublishOutcome outcome = line.pushPreview(recipientUserId, new Publication(d.id(), post.content().text(),
                post.content().links(), UrlOnlyMedia.asMediaItems(post.content().mediaUrls()),
                account.policy().replyPolicy() == ReplyPolicy.NO_REPLIES));
        return switch (outcome) {
            case PublishOutcome.Published p -> new PreviewResult(d.id(), account.id(), "SENT", p.platformPostId());
            case PublishOutcome.Transient t -> new PreviewResult(d.id(), account.id(), "RETRY_LATER", t.reason());
            case PublishOutcome.Permanent p -> new PreviewResult(d.id(), account.id(), "REFUSED", p.reason());
            case PublishOutcome.Unknown u -> new PreviewResult(d.id(), account.id(), "UNKNOWN", u.reason());
        };
    }
}
