package org.kohogateway.gateway.post;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.PolicyViolationException;

/**
 * A post to one or more official accounts, with its approval state machine. Every method that changes
 * state checks who acts and from which state, refusing with a message that names the current state. Who may act is
 * {@link PostPermissions}; what each transition does to the deliveries is {@link DeliveryPlan}.
 *
 * <p>Longer than the gateway's other classes: the state machine is one unit (each transition, its checks and its
 * audit detail read together), and the aggregate's twenty fields each have an accessor.
 */
public final class Post {

    /** Longest reason for a cancellation, as the API's other free-text reasons. */
    public static final int MAX_REASON = 2_000;

    /** Beyond this a scheduled time is a typo, not a plan (and would soon leave the database's range). */
    private static final Duration FURTHEST_AHEAD = Duration.ofDays(2 * 366);

    private final PostId id;
    private final long authorId;
    /** PR_DIRECT turns into PR_REVIEW when a finding needs acknowledgement (another PR officer clears it). */
    private ApprovalRoute route;
    private final long departmentId;
    private final @Nullable String sourceUrl;
    /** The source as fetched when the post was published directly; absent before. */
    private @Nullable SourcePage sourcePage;
    /** Who sent a direct publish to PR review: like its author, they may not approve it. */
    private @Nullable Long submittedBy;
    private final @Nullable PostId correctionOf;
    private final Instant createdAt;
    private PostContent content;
    private @Nullable Instant scheduledAt;
    private PostStatus status;
    private @Nullable String approvedHash;
    private @Nullable Long decidedBy;
    private @Nullable Instant decidedAt;
    private @Nullable String decisionComment;
    /** Keys of the findings acknowledged for the current content; emptied by any edit. */
    private final Set<String> acknowledged;
    private final DeliveryPlan deliveries;
    private final int version;
    private Instant updatedAt;
    /** A drill (訓練) goes only to the staff's test recipients, never to a public account; fixed at creation. */
    private final boolean drill;
    private final List<PostEvent> events = new ArrayList<>();
    /** What other features hear about when the aggregate is saved (published in the saving transaction). */
    private final List<Object> announcements = new ArrayList<>();

    Post(PostId id, long authorId, ApprovalRoute route, long departmentId, @Nullable String sourceUrl,
            @Nullable PostId correctionOf, Instant createdAt,
            PostContent content, @Nullable Instant scheduledAt, PostStatus status, @Nullable String approvedHash,
            @Nullable Long decidedBy, @Nullable Instant decidedAt, @Nullable String decisionComment,
            Set<String> acknowledged, List<Delivery> deliveries, int version,
            Instant updatedAt, @Nullable SourcePage sourcePage, @Nullable Long submittedBy, boolean drill) {
        this.id = id;
        this.drill = drill;
        this.authorId = authorId;
        this.route = route;
        this.departmentId = departmentId;
        this.sourceUrl = sourceUrl;
        this.correctionOf = correctionOf;
        this.createdAt = createdAt;
        this.content = content;
        this.scheduledAt = scheduledAt;
        this.status = status;
        this.approvedHash = approvedHash;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.decisionComment = decisionComment;
        this.acknowledged = new LinkedHashSet<>(acknowledged);
        this.deliveries = new DeliveryPlan(id, deliveries, events, announcements);
        this.version = version;
        this.updatedAt = updatedAt;
        this.sourcePage = sourcePage;
        this.submittedBy = submittedBy;
    }

    static Post draft(Staff author, ApprovalRoute route, long departmentId, @Nullable String sourceUrl,
            @Nullable PostId correctionOf, PostContent content, @Nullable Instant scheduledAt, List<Long> accountIds,
            Instant now) {
        return draft(author, route, departmentId, sourceUrl, correctionOf, content, scheduledAt, accountIds, Map.of(),
                false, now);
    }

    /**
     * @param origin what the post was made from (a template and its version), kept in the creation's audit entry
     * @param drill  a drill (訓練): it never reaches a public account, and stays a drill
     */
    static Post draft(Staff author, ApprovalRoute route, long departmentId, @Nullable String sourceUrl,
            @Nullable PostId correctionOf, PostContent content, @Nullable Instant scheduledAt, List<Long> accountIds,
            Map<String, ?> origin, boolean drill, Instant now) {
        requireFutureOrAsap(scheduledAt, now);
        List<Delivery> deliveries = accountIds.stream().map(Delivery::waiting).toList();
        Post post = new Post(PostId.random(), author.id(), route, departmentId, sourceUrl, correctionOf, now, content,
                scheduledAt,
                PostStatus.DRAFT, null, null, null, null, Set.of(), deliveries, 0, now, null, null, drill);
        Map<String, Object> detail = post.contentDetail();
        detail.putAll(origin);
        post.event("POST_CREATED", null, PostStatus.DRAFT, detail);
        return post;
    }

    /**
     * @param drill what the edit says the post is, or null when it does not say: a drill is never turned live (a
     *              training text must not go public under a real approval), nor a live post into a drill
     */
    void edit(Staff actor, PostContent newContent, Instant newScheduledAt, @Nullable Boolean drill, Instant now) {
        permissions().requireEditor(actor, "edit");
        if (drill != null && drill != this.drill) {
            throw new IllegalTransitionException("post.drillFixed", "the post is " + (this.drill ? "a DRILL" : "LIVE")
                    + " and " + status + " and stays so: make a new post instead", this.drill ? "DRILL" : "LIVE",
                    status);
        }
        if (route == ApprovalRoute.TEMPLATE_CONFIRM) {
            // the fast lane is for the approved template's text: other words go the ordinary route
            throw new IllegalTransitionException("post.filledNotEdited",
                    "a filled template is not edited: withdraw it and fill the template again; the post is " + status,
                    status);
        }
        requireFutureOrAsap(newScheduledAt, now);
        PostStatus before = status;
        switch (status) {
            case DRAFT, SUBMITTED -> { }
            case REJECTED -> status = PostStatus.DRAFT;
            case APPROVED -> {
                deliveries.requireNothingStarted("edit");
                voidApproval(now);
            }
            default -> throw illegal("edit");
        }
        content = newContent;
        scheduledAt = newScheduledAt;
        acknowledged.clear();
        updatedAt = now;
        event("POST_EDITED", before, status, contentDetail());
    }

    void submit(Staff actor, List<Finding> findings, Instant now) {
        permissions().requireAuthor(actor, "submit");
        if (route == ApprovalRoute.PR_DIRECT) {
            throw new IllegalTransitionException("post.directNeedsPublish",
                    "a PR direct post is published, not submitted", status);
        }
        requireStatus("submit", PostStatus.DRAFT);
        requireFutureOrAsap(scheduledAt, now);
        requireNothingBlocking(findings);
        transition(PostStatus.SUBMITTED, "POST_SUBMITTED", now, Map.of("route", route.name()));
        announcements.add(new PostAwaitingApproval(id, authorId, route, departmentId));
    }

    /**
     * @param seenHash the content hash of the version the approver reviewed, required: an approval is bound to text
     *                 someone has seen, and an author's edit between review and click must not go out under the
     *                 approver's name. Asked for after the approver's right, so a refusal names the first reason.
     */
    void approve(Staff approver, String comment, List<Finding> findings, Set<String> acknowledgements,
            @Nullable String seenHash, Instant now) {
        requireStatus("approve", PostStatus.SUBMITTED);
        permissions().requireEligibleApprover(approver, status);
        if (seenHash == null || seenHash.isBlank()) {
            throw new InvalidRequestException("post.seenHashRequired",
                    "say which version you reviewed: send the post's contentHash as you saw it");
        }
        if (!seenHash.equals(contentHash())) {
            throw new ConflictException("post.changedSinceReviewed",
                    "the post was edited after you opened it; review the current text and decide again");
        }
        clearRules(approver, findings, acknowledgements);
        decide(approver, comment, now);
        approvedHash = contentHash();
        transition(PostStatus.APPROVED, "POST_APPROVED", now,
                Map.of("route", route.name(), "comment", nullToEmpty(comment), "contentHash", approvedHash));
        deliveries.schedule(scheduledAt, now);
    }

    void reject(Staff approver, @Nullable String comment, Instant now) {
        requireStatus("reject", PostStatus.SUBMITTED);
        permissions().requireEligibleApprover(approver, status);
        if (comment == null || comment.isBlank()) {
            throw new InvalidRequestException("post.rejectNeedsComment", "a rejection needs a comment for the author");
        }
        decide(approver, comment, now);
        transition(PostStatus.REJECTED, "POST_REJECTED", now, Map.of("route", route.name(), "comment", comment));
    }

    /**
     * The PR department's direct publish of already-published city content (guideline §6-① exception): the post must
     * cite its source, fetched just now. A finding that needs acknowledgement is not cleared by the officer
     * publishing: the post goes to the PR review route instead, where another PR officer decides.
     */
    void publishDirect(Staff actor, SourcePage source, List<Finding> findings, Instant now) {
        if (!permissions().mayPublishDirect(actor)) {
            throw new NotPermittedException("post.directOnlyPr",
                    "only a PR officer's post citing an official source can be published directly");
        }
        requireStatus("publishDirect", PostStatus.DRAFT);
        requireFutureOrAsap(scheduledAt, now);
        requireNothingBlocking(findings);
        if (!content.text().contains(sourceUrl)
                && content.links().stream().noneMatch(link -> link.toString().equals(sourceUrl))) {
            throw new InvalidRequestException("post.sourceNotCited",
                    "a direct publish cites its source: put " + sourceUrl + " in the text or the links", sourceUrl);
        }
        sourcePage = source;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("sourceUrl", sourceUrl);
        detail.put("sourceTitle", source.title());
        detail.put("sourceSha256", source.sha256());
        detail.put("sourceFetchedAt", source.fetchedAt().toString());
        if (findings.stream().anyMatch(f -> f.severity() == Severity.ACKNOWLEDGE)) {
            route = ApprovalRoute.PR_REVIEW;
            submittedBy = actor.id();
            detail.put("route", route.name());
            detail.put("reason", "a finding needs another PR officer's acknowledgement");
            transition(PostStatus.SUBMITTED, "POST_SENT_TO_PR_REVIEW", now, detail);
            announcements.add(new PostAwaitingApproval(id, authorId, route, departmentId));
            return;
        }
        decide(actor, null, now);
        approvedHash = contentHash();
        detail.put("route", route.name());
        detail.put("contentHash", approvedHash);
        transition(PostStatus.APPROVED, "POST_PUBLISHED_DIRECT", now, detail);
        deliveries.schedule(scheduledAt, now);
    }

    /**
     * Binds the deliveries that are still to be approved (or re-confirmed) to the policy version each account has now,
     * so the approval that follows records which policy it was given under.
     */
    void bindPolicyVersions(Map<Long, Integer> versions) {
        deliveries.bindPolicyVersions(versions);
    }

    /**
     * The account closed (guideline §5 廃止): its deliveries that have not started are cancelled with the reason; the
     * post and its deliveries to other accounts stay as they are.
     */
    void accountClosed(long accountId, String reason, Instant now) {
        if (deliveries.cancelForClosedAccount(accountId, reason)) {
            updatedAt = now;
        }
    }

    void withdraw(Staff actor, Instant now) {
        permissions().requireAuthor(actor, "withdraw");
        requireStatus("withdraw", PostStatus.DRAFT, PostStatus.SUBMITTED);
        transition(PostStatus.WITHDRAWN, "POST_WITHDRAWN", now, Map.of());
        deliveries.cancelAll("withdrawn");
    }

    /**
     * Stops an approved post before any of its deliveries has started. The reason is required: it is what the audit
     * trail keeps of why an approved post did not go out.
     */
    void cancel(Staff actor, @Nullable String reason, Instant now) {
        if (!mayCancel(actor)) {
            throw new NotPermittedException("post.cancelNotPermitted",
                    "only the author, an approver of this post or an admin may cancel it");
        }
        requireStatus("cancel", PostStatus.APPROVED);
        deliveries.requireNothingStarted("cancel");
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("post.cancelNeedsReason", "say why the approved post is cancelled");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidRequestException("post.reasonTooLong", "the reason is longer than " + MAX_REASON,
                    MAX_REASON);
        }
        transition(PostStatus.CANCELLED, "POST_CANCELLED", now, Map.of("reason", reason.strip()));
        deliveries.cancelAll(reason.strip());
    }

    /** Whether this person may cancel the post now: it is approved, nothing has started, and they may. */
    public boolean cancellableBy(Staff actor) {
        return status == PostStatus.APPROVED && mayCancel(actor) && deliveries.nothingStarted();
    }

    /** Whether this person may cancel the post at all: its author, whoever may approve it, an admin. */
    public boolean mayCancel(Staff actor) {
        return permissions().mayCancel(actor);
    }

    /**
     * Gives held deliveries (approved after their time had passed) a new time. Only someone who could
     * approve the post may do it: it is the re-confirmation that the post should still go out.
     */
    void reschedule(Staff actor, @Nullable Instant newTime, List<Finding> findings, Set<String> acknowledgements,
            Instant now) {
        if (!permissions().mayReschedule(actor)) {
            throw new NotPermittedException("post.rescheduleNotPermitted",
                    "only someone who may approve this post may give it a new time");
        }
        requireStatus("reschedule", PostStatus.APPROVED);
        if (newTime == null || newTime.isBefore(now)) {
            throw new InvalidRequestException("post.scheduledInPast", "the new time must not be in the past");
        }
        requireNotTooFar(newTime, now);
        if (!deliveries.anyHeld()) {
            throw new IllegalTransitionException("post.nothingHeld",
                    "no delivery of this post is held; the post is " + status, status);
        }
        // the rules may have changed since approval: the person giving the new time re-confirms them
        clearRules(actor, findings, acknowledgements);
        deliveries.rescheduleHeld(newTime);
        scheduledAt = newTime;
        updatedAt = now;
    }

    private void voidApproval(Instant now) {
        // a direct publish has no approver to go back to: the PR officer publishes the edited draft again
        status = route == ApprovalRoute.PR_DIRECT ? PostStatus.DRAFT : PostStatus.SUBMITTED;
        event("POST_APPROVAL_VOIDED", PostStatus.APPROVED, status,
                Map.of("reason", "content edited after approval", "voidedHash", approvedHash));
        announcements.add(new PostAwaitingApproval(id, authorId, route, departmentId));
        approvedHash = null;
        acknowledged.clear();
        decidedBy = null;
        decidedAt = null;
        decisionComment = null;
        deliveries.unschedule();
        updatedAt = now;
    }

    /**
     * Refuses a post while a blocking finding stands: at submit, approval and publish, and on the compose form before
     * a post is created to be submitted or published.
     */
    public static void requireNothingBlocking(List<Finding> findings) {
        List<Finding> blocking = findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
        if (!blocking.isEmpty()) {
            throw new PolicyViolationException("rules.blocked",
                    blocking.size() + " guideline rule(s) block this post", blocking);
        }
    }

    /**
     * Refuses while a blocking finding stands or a finding that needs acknowledgement is neither acknowledged
     * now nor before (for this same content); records the new acknowledgements.
     */
    private void clearRules(Staff actor, List<Finding> findings, Set<String> given) {
        requireNothingBlocking(findings);
        List<Finding> needed = findings.stream().filter(f -> f.severity() == Severity.ACKNOWLEDGE).toList();
        List<Finding> missing = needed.stream()
                .filter(f -> !given.contains(f.key()) && !acknowledged.contains(f.key()))
                .toList();
        if (!missing.isEmpty()) {
            throw new PolicyViolationException("rules.needsAcknowledgement",
                    missing.size() + " finding(s) need the approver's acknowledgement", missing);
        }
        for (Finding f : needed) {
            if (!acknowledged.contains(f.key())) {
                event("FINDING_ACKNOWLEDGED", status, status, Map.of("rule", f.rule().name(),
                        "section", f.rule().section(), "key", f.key(), "value", f.arguments().isEmpty() ? ""
                                : f.arguments().getFirst(), "by", actor.username()));
            }
        }
        acknowledged.clear();
        needed.forEach(f -> acknowledged.add(f.key()));
    }

    /**
     * Whether any delivery of the post went out — it is on the platform, or was and has been deleted there (the wrong
     * post taken down, the correction to follow): only such a post is corrected (§7-①); one not sent is edited.
     */
    public boolean wentOut() {
        return deliveries.wentOut();
    }

    /**
     * Who may write a correction of the post: its author, its department, or the PR department — those who read it;
     * anyone else would link a correction to a post they never saw.
     */
    public boolean mayCorrect(Staff writer) {
        return permissions().mayCorrect(writer);
    }

    /** Whether this person may write a correction of the post now: a writer who {@link #mayCorrect}, once sent. */
    public boolean mayBeCorrectedBy(Staff writer) {
        return writer.mayWritePosts() && wentOut() && mayCorrect(writer);
    }

    /** The author, and whoever may decide on the post: the people who may see it before it goes out. */
    public boolean isAuthorOrDecider(Staff actor) {
        return permissions().isAuthorOrDecider(actor);
    }

    private void decide(Staff actor, String comment, Instant now) {
        decidedBy = actor.id();
        decidedAt = now;
        decisionComment = comment;
    }

    /** Who may edit the post (in a state that allows it): its author, and any PR officer for a direct publish. */
    public boolean mayEdit(Staff actor) {
        return permissions().mayEdit(actor);
    }

    private void requireStatus(String action, PostStatus... allowed) {
        for (PostStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw illegal(action);
    }

    private static void requireFutureOrAsap(@Nullable Instant time, Instant now) {
        if (time != null && time.isBefore(now)) {
            throw new InvalidRequestException("post.scheduledInPast", "the scheduled time " + time + " has passed");
        }
        requireNotTooFar(time, now);
    }

    private static void requireNotTooFar(@Nullable Instant time, Instant now) {
        if (time != null && time.isAfter(now.plus(FURTHEST_AHEAD))) {
            throw new InvalidRequestException("post.scheduledTooFar",
                    "the scheduled time " + time + " is more than two years ahead", time.toString());
        }
    }

    private IllegalTransitionException illegal(String action) {
        return new IllegalTransitionException("post.illegalTransition",
                "cannot " + action + " a post that is " + status, action, status);
    }

    private void transition(PostStatus next, String action, Instant now, Map<String, ?> detail) {
        PostStatus before = status;
        status = next;
        updatedAt = now;
        event(action, before, next, detail);
    }

    private void event(String action, @Nullable PostStatus before, PostStatus after, Map<String, ?> detail) {
        event(action, "POST", id.toString(), before == null ? null : before.name(), after.name(), detail);
    }

    private void event(String action, String type, String subject, @Nullable String before, String after,
            Map<String, ?> detail) {
        events.add(new PostEvent(action, type, subject, before, after, detail));
    }

    private Map<String, Object> contentDetail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("contentHash", contentHash());
        detail.put("category", content.category().name());
        detail.put("scheduledAt", scheduledAt == null ? "asap" : scheduledAt.toString());
        detail.put("accounts", accountIds());
        if (correctionOf != null) {
            detail.put("correctionOf", correctionOf.toString());
        }
        return detail;
    }

    private static String nullToEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    public String contentHash() {
        return content.fingerprint(accountIds(), sourceUrl);
    }

    public List<Long> accountIds() {
        return deliveries.accountIds();
    }

    DeliveryStatus loadedStatus(Delivery delivery) {
        return deliveries.loadedStatus(delivery);
    }

    private PostPermissions permissions() {
        return new PostPermissions(authorId, submittedBy, route, departmentId);
    }

    List<PostEvent> drainEvents() {
        List<PostEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    List<Object> drainAnnouncements() {
        List<Object> drained = List.copyOf(announcements);
        announcements.clear();
        return drained;
    }

    public PostId id() {
        return id;
    }

    public long authorId() {
        return authorId;
    }

    public ApprovalRoute route() {
        return route;
    }

    public long departmentId() {
        return departmentId;
    }

    public @Nullable String sourceUrl() {
        return sourceUrl;
    }

    /** The cited source as fetched at the direct publish; null before (and for other routes). */
    public @Nullable SourcePage sourcePage() {
        return sourcePage;
    }

    /** Who sent a direct publish to PR review; null otherwise. */
    public @Nullable Long submittedBy() {
        return submittedBy;
    }

    /** The post this one corrects, if it is a correction. */
    public @Nullable PostId correctionOf() {
        return correctionOf;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public PostContent content() {
        return content;
    }

    /** Null means "as soon as approved". */
    public @Nullable Instant scheduledAt() {
        return scheduledAt;
    }

    public PostStatus status() {
        return status;
    }

    public @Nullable String approvedHash() {
        return approvedHash;
    }

    public @Nullable Long decidedBy() {
        return decidedBy;
    }

    public @Nullable Instant decidedAt() {
        return decidedAt;
    }

    public @Nullable String decisionComment() {
        return decisionComment;
    }

    public Set<String> acknowledged() {
        return Collections.unmodifiableSet(acknowledged);
    }

    public List<Delivery> deliveries() {
        return deliveries.all();
    }

    public int version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** A drill (訓練): its deliveries go only to the staff's test recipients, never to a public account. */
    public boolean drill() {
        return drill;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Post other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }
}
