package org.kohogateway.gateway.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PlatformText;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostMedia;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.SourcePage;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Puts a record together from the post, its accounts, its images and its audit entries, each read from its module. */
@Component
class RecordReader {

    /** The audit actions that are decisions on the post: who let it out, who acknowledged what, who stopped it. */
    private static final Set<String> DECISIONS = Set.of("POST_SUBMITTED", "POST_APPROVED", "POST_REJECTED",
            "POST_PUBLISHED_DIRECT", "POST_SENT_TO_PR_REVIEW", "FINDING_ACKNOWLEDGED", "POST_APPROVAL_VOIDED",
            "POST_WITHDRAWN", "POST_CANCELLED", "DELIVERY_PAUSE_OVERRIDDEN", "DELIVERY_RESEND_DECIDED",
            "DELIVERY_CONFIRMED_SENT", "DELIVERY_RESCHEDULED");

    private final PostWorkflow posts;
    private final OfficialAccounts accounts;
    private final StaffDirectory staff;
    private final MediaLibrary media;
    private final AuditTrail audit;
    private final JsonMapper json;

    RecordReader(PostWorkflow posts, OfficialAccounts accounts, StaffDirectory staff, MediaLibrary media,
            AuditTrail audit, JsonMapper json) {
        this.posts = posts;
        this.accounts = accounts;
        this.staff = staff;
        this.media = media;
        this.audit = audit;
        this.json = json;
    }

    RecordView read(PostRecord record) {
        Post post = posts.get(record.postId());
        Map<Long, OfficialAccount> targets = post.accountIds().stream().distinct()
                .collect(Collectors.toMap(Function.identity(), accounts::get));
        List<AuditEntry> trail = trail(post);
        RetentionSchedule schedule = record.schedule();
        return new RecordView(post.id().value(), post.status().name(), post.content().category(), post.route().name(),
                post.departmentId(), staff.byId(post.authorId()).username(), post.createdAt(),
                new RecordView.Retention(record.retention(), record.firstSentAt(), schedule.startsOn(),
                        schedule.retainedUntil(), schedule.disposalDate()),
                record.hold(),
                record.disposedAt() == null ? null
                        : new RecordView.Disposal(record.disposedAt(), record.disposalListId()),
                post.content().text(), post.content().links(), source(post),
                post.correctionOf() == null ? null : post.correctionOf().value(),
                post.deliveries().stream().map(d -> platformText(post, targets.get(d.accountId()))).toList(),
                images(post.content().media()),
                trail.stream().filter(e -> DECISIONS.contains(e.action()))
                        .map(e -> new RecordView.Decision(e.action(), e.actor(), e.occurredAt(), e.seq(), e.detail()))
                        .toList(),
                post.deliveries().stream().map(d -> sent(d, targets.get(d.accountId()), trail)).toList(),
                posts.corrections(post.id()).stream().map(c -> new RecordView.Correction(c.id().value(), c.status().name(),
                        c.createdAt(), c.content().text())).toList(),
                trail);
    }

    /** The entries of the post, of each of its deliveries and of its record, in the order of the chain. */
    private List<AuditEntry> trail(Post post) {
        List<AuditEntry> entries = new ArrayList<>(audit.find(AuditQuery.forSubject("POST", post.id().toString())));
        for (Delivery d : post.deliveries()) {
            entries.addAll(audit.find(AuditQuery.forSubject("DELIVERY", d.id().toString())));
        }
        entries.addAll(audit.find(AuditQuery.forSubject("RECORD", post.id().toString())));
        entries.sort(Comparator.comparingLong(AuditEntry::seq).thenComparingLong(AuditEntry::id));
        return List.copyOf(entries);
    }

    private static RecordView.PlatformText platformText(Post post, OfficialAccount account) {
        return new RecordView.PlatformText(account.id(), account.name(), account.platform(),
                PlatformText.sent(account.platform(), post.content().text(), post.content().links(),
                        !post.content().mediaUrls().isEmpty()));
    }

    private List<RecordView.Image> images(List<PostMedia> images) {
        List<RecordView.Image> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            PostMedia m = images.get(i);
            out.add(new RecordView.Image(i + 1, m.mediaId(), m.sha256(), m.contentType(), m.bytes(), m.width(),
                    m.height(), m.altText(), media.stored(m.sha256())));
        }
        return out;
    }

    private static RecordView.@Nullable Source source(Post post) {
        if (post.sourceUrl() == null) {
            return null;
        }
        SourcePage page = post.sourcePage();
        return new RecordView.Source(post.sourceUrl(), page == null ? null : page.title(),
                page == null ? null : page.sha256(), page == null ? null : page.fetchedAt());
    }

    private RecordView.Sent sent(Delivery d, OfficialAccount account, List<AuditEntry> trail) {
        AuditEntry deletion = trail.stream().filter(e -> e.action().equals("DELIVERY_DELETED_ON_PLATFORM")
                && e.subjectId().equals(d.id().toString())).findFirst().orElse(null);
        String reason = null;
        if (deletion != null) {
            JsonNode detail = json.readTree(deletion.detail());
            reason = detail.has("reason") ? detail.get("reason").asString() : null;
        }
        return new RecordView.Sent(d.id(), account.id(), account.name(), account.platform(), d.status(),
                d.platformPostId(), PlatformUrls.of(account.platform(), d.platformPostId()), d.sentAt(),
                deletion == null ? null : deletion.occurredAt(), reason);
    }
}
