package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.RuleId;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.PolicyViolationException;

class PostTest {

    private static final List<Finding> NONE = List.of();

    private static final long DEPARTMENT = 1;
    private static final long OTHER_DEPARTMENT = 2;
    private static final long PR_DEPARTMENT = 3;

    private final Instant now = Instant.parse("2026-11-24T00:00:00Z");
    private final Staff poster = new Staff(10, "poster", "P", DEPARTMENT, Set.of(Role.POSTER));
    private final Staff approver = new Staff(11, "approver", "A", DEPARTMENT, Set.of(Role.APPROVER));
    private final Staff otherApprover = new Staff(12, "approver2", "B", OTHER_DEPARTMENT, Set.of(Role.APPROVER));
    private final Staff pr = new Staff(13, "pr", "R", PR_DEPARTMENT, EnumSet.of(Role.PR_OFFICER, Role.POSTER));
    private final Staff posterApprover = new Staff(14, "both", "X", DEPARTMENT, EnumSet.of(Role.POSTER, Role.APPROVER));
    private final Staff admin = new Staff(15, "admin", "Z", DEPARTMENT, Set.of(Role.ADMIN));

    private static final String SOURCE = "https://www.city.gotsu.lg.jp/press/1";
    private final SourcePage page = new SourcePage("報道発表", "0".repeat(64), now);

    private Post draft(Staff author, ApprovalRoute route, Instant scheduledAt) {
        boolean direct = route == ApprovalRoute.PR_DIRECT;
        return Post.draft(author, route, direct ? PR_DEPARTMENT : DEPARTMENT, direct ? SOURCE : null, null,
                PostContent.text("江津市からのお知らせです。" + (direct ? SOURCE : ""), PostCategory.NOTICE), scheduledAt,
                List.of(100L, 101L), now);
    }

    @Test
    void aDrillIsNeverTurnedLiveNorALivePostIntoADrillAndTheRefusalNamesTheState() {
        Post drill = Post.draft(poster, ApprovalRoute.DEPARTMENT, DEPARTMENT, null, null,
                PostContent.text("【訓練】避難指示", PostCategory.EMERGENCY), null, List.of(100L), java.util.Map.of(), true,
                now);
        drill.submit(poster, NONE, now);

        assertThatThrownBy(() -> drill.edit(poster, drill.content(), null, false, now))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("DRILL")
                .hasMessageContaining("SUBMITTED");
        drill.edit(poster, PostContent.text("【訓練】避難指示（修正）", PostCategory.EMERGENCY), null, true, now);
        assertThat(drill.drill()).isTrue();
        Post live = submitted();
        assertThatThrownBy(() -> live.edit(poster, live.content(), null, true, now))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("LIVE");
    }

    private Post submitted() {
        Post post = draft(poster, ApprovalRoute.DEPARTMENT, now.plus(Duration.ofHours(1)));
        post.submit(poster, NONE, now);
        return post;
    }

    private Post approved() {
        Post post = submitted();
        post.approve(approver, "ok", NONE, Set.of(), post.contentHash(), now);
        return post;
    }

    @Test
    void walksDraftSubmittedApprovedAndSchedulesEveryDelivery() {
        Post post = approved();

        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(post.approvedHash()).isEqualTo(post.contentHash());
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.SCHEDULED);
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(now.plus(Duration.ofHours(1)));
        assertThat(post.drainEvents()).extracting(PostEvent::action).containsExactly("POST_CREATED", "POST_SUBMITTED",
                "POST_APPROVED", "DELIVERY_SCHEDULED", "DELIVERY_SCHEDULED");
    }

    @Test
    void asSoonAsApprovedIsDueAtTheMomentOfApproval() {
        Post post = draft(poster, ApprovalRoute.DEPARTMENT, null);
        post.submit(poster, NONE, now);
        Instant approvalTime = now.plus(Duration.ofMinutes(5));
        post.approve(approver, null, NONE, Set.of(), post.contentHash(), approvalTime);

        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(approvalTime);
    }

    @Test
    void refusesApprovalWhenTheContentChangedSinceTheApproverReviewedIt() {
        Post post = submitted();
        String reviewed = post.contentHash();
        post.edit(poster, PostContent.text("江津市からの訂正です。", PostCategory.NOTICE), post.scheduledAt(), null, now);

        assertThatThrownBy(() -> post.approve(approver, "ok", NONE, Set.of(), reviewed, now))
                .isInstanceOf(ConflictException.class).extracting("code").isEqualTo("post.changedSinceReviewed");
        assertThat(post.status()).isEqualTo(PostStatus.SUBMITTED);
        post.approve(approver, "ok", NONE, Set.of(), post.contentHash(), now);
        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
    }

    @Test
    void rejectsApprovalByAuthorEvenWithTheApproverRole() {
        Post post = draft(posterApprover, ApprovalRoute.DEPARTMENT, null);
        post.submit(posterApprover, NONE, now);

        assertThatThrownBy(() -> post.approve(posterApprover, "self", NONE, Set.of(), post.contentHash(), now)).isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("own post");
        assertThat(post.status()).isEqualTo(PostStatus.SUBMITTED);
    }

    @Test
    void rejectsApprovalByApproverOfAnotherDepartment() {
        Post post = submitted();

        assertThatThrownBy(() -> post.approve(otherApprover, "no", NONE, Set.of(), post.contentHash(), now)).isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("own department");
    }

    @Test
    void rejectsApprovalByPosterWithoutApproverRole() {
        Post post = draft(posterApprover, ApprovalRoute.DEPARTMENT, null);
        post.submit(posterApprover, NONE, now);

        assertThatThrownBy(() -> post.approve(poster, "no", NONE, Set.of(), post.contentHash(), now)).isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("APPROVER");
    }

    @Test
    void prReviewRouteNeedsAPrOfficerNotTheDepartmentHead() {
        Post post = draft(poster, ApprovalRoute.PR_REVIEW, null);
        post.submit(poster, NONE, now);

        assertThatThrownBy(() -> post.approve(approver, "ok", NONE, Set.of(), post.contentHash(), now)).isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("PR department");
        post.approve(pr, "ok", NONE, Set.of(), post.contentHash(), now);
        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
    }

    @Test
    void prDirectPublishSkipsApprovalAndIsRecordedAsSuch() {
        Post post = draft(pr, ApprovalRoute.PR_DIRECT, null);

        post.publishDirect(pr, page, NONE, now);

        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(post.drainEvents()).extracting(PostEvent::action).contains("POST_PUBLISHED_DIRECT");
    }

    @Test
    void editingAPublishedDirectPostReturnsItToDraftForPublishingAgain() {
        Post post = draft(pr, ApprovalRoute.PR_DIRECT, now.plus(Duration.ofHours(1)));
        post.publishDirect(pr, page, NONE, now);

        post.edit(pr, PostContent.text("訂正: 報道発表の日付を直しました。" + SOURCE, PostCategory.PRESS_RELEASE), post.scheduledAt(), null,
                now);

        assertThat(post.status()).isEqualTo(PostStatus.DRAFT);
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.WAITING);
        post.publishDirect(pr, page, NONE, now);
        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.SCHEDULED);
    }

    @Test
    void anotherPrOfficerMayEditAndPublishADirectPostButNobodyElse() {
        Staff colleague = new Staff(99, "pr2", "広報 二", PR_DEPARTMENT, EnumSet.of(Role.PR_OFFICER));
        Post post = draft(pr, ApprovalRoute.PR_DIRECT, null);

        assertThatThrownBy(() -> post.edit(poster, PostContent.text("横から", PostCategory.PRESS_RELEASE), null, null, now))
                .isInstanceOf(NotPermittedException.class);
        post.edit(colleague, PostContent.text("報道発表: 日付を直しました " + SOURCE, PostCategory.PRESS_RELEASE), null, null, now);
        post.publishDirect(colleague, page, NONE, now);

        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(post.decidedBy()).isEqualTo(99L);
    }

    @Test
    void aDirectPublishRecordsItsFetchedSource() {
        Post post = draft(pr, ApprovalRoute.PR_DIRECT, null);

        post.publishDirect(pr, page, NONE, now);

        assertThat(post.sourcePage()).isEqualTo(page);
        assertThat(post.drainEvents()).filteredOn(e -> e.action().equals("POST_PUBLISHED_DIRECT"))
                .extracting(e -> (Object) e.detail().get("sourceSha256")).containsExactly(page.sha256());
    }

    @Test
    void aDirectPublishThatDoesNotCiteItsSourceIsRefused() {
        Post post = Post.draft(pr, ApprovalRoute.PR_DIRECT, PR_DEPARTMENT, SOURCE, null,
                PostContent.text("出典のないお知らせ", PostCategory.PRESS_RELEASE), null, List.of(100L), now);

        assertThatThrownBy(() -> post.publishDirect(pr, page, NONE, now)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).code()).isEqualTo("post.sourceNotCited");
        assertThat(post.status()).isEqualTo(PostStatus.DRAFT);
    }

    @Test
    void aFindingThatNeedsAcknowledgementSendsADirectPublishToAnotherPrOfficer() {
        Staff colleague = new Staff(99, "pr2", "広報 二", PR_DEPARTMENT, EnumSet.of(Role.PR_OFFICER));
        Staff third = new Staff(98, "pr3", "広報 三", PR_DEPARTMENT, EnumSet.of(Role.PR_OFFICER));
        Finding link = new Finding(RuleId.EXTERNAL_LINK, 3, 22, null, List.of("https://example.com", "example.com"));
        Post post = draft(pr, ApprovalRoute.PR_DIRECT, null);
        post.edit(colleague, PostContent.text("外部の案内 " + SOURCE, PostCategory.PRESS_RELEASE), null, null, now);

        post.publishDirect(colleague, page, List.of(link), now);

        assertThat(post.status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(post.route()).isEqualTo(ApprovalRoute.PR_REVIEW);
        assertThat(post.acknowledged()).isEmpty();
        assertThatThrownBy(() -> post.approve(colleague, null, List.of(link), Set.of(link.key()), post.contentHash(), now))
                .as("the officer who published").isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> post.approve(pr, null, List.of(link), Set.of(link.key()), post.contentHash(), now))
                .as("the author").isInstanceOf(NotPermittedException.class);
        post.approve(third, null, List.of(link), Set.of(link.key()), post.contentHash(), now);
        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(post.acknowledged()).containsExactly(link.key());
    }

    @Test
    void prDirectPostCannotBeSubmittedOrApproved() {
        Post post = draft(pr, ApprovalRoute.PR_DIRECT, null);

        assertThatThrownBy(() -> post.submit(pr, NONE, now)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void departmentPostCannotBePublishedDirectly() {
        Post post = draft(pr, ApprovalRoute.DEPARTMENT, null);

        assertThatThrownBy(() -> post.publishDirect(pr, page, NONE, now)).isInstanceOf(NotPermittedException.class);
    }

    @Test
    void editAfterApprovalVoidsItAndUnschedulesDeliveries() {
        Post post = approved();
        post.drainEvents();

        post.edit(poster, PostContent.text("訂正: 日時が変わりました。", PostCategory.NOTICE), post.scheduledAt(), null, now);

        assertThat(post.status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(post.approvedHash()).isNull();
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.WAITING);
        assertThat(post.drainEvents()).extracting(PostEvent::action).contains("POST_APPROVAL_VOIDED");
    }

    @Test
    void approvalAfterTheScheduledTimeHoldsDeliveriesInsteadOfSendingLate() {
        Post post = submitted();
        Instant late = post.scheduledAt().plusSeconds(1);

        post.approve(approver, "遅れて承認", NONE, Set.of(), post.contentHash(), late);

        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.HELD);
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnlyNulls();
    }

    @Test
    void heldDeliveriesGoOutOnlyAfterAnApproverGivesANewTime() {
        Post post = submitted();
        Instant late = post.scheduledAt().plusSeconds(1);
        post.approve(approver, "遅れて承認", NONE, Set.of(), post.contentHash(), late);

        assertThatThrownBy(() -> post.reschedule(poster, late.plusSeconds(60), NONE, Set.of(), late))
                .isInstanceOf(NotPermittedException.class);
        post.reschedule(approver, late.plusSeconds(60), NONE, Set.of(), late);

        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.SCHEDULED);
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(late.plusSeconds(60));
    }

    @Test
    void rejectionNeedsAComment() {
        Post post = submitted();

        assertThatThrownBy(() -> post.reject(approver, " ", now)).isInstanceOf(InvalidRequestException.class);
        post.reject(approver, "表現を見直してください", now);
        assertThat(post.status()).isEqualTo(PostStatus.REJECTED);
    }

    @Test
    void editingARejectedPostReturnsItToDraft() {
        Post post = submitted();
        post.reject(approver, "直して", now);

        post.edit(poster, PostContent.text("直しました", PostCategory.NOTICE), null, null, now);

        assertThat(post.status()).isEqualTo(PostStatus.DRAFT);
    }

    @Test
    void onlyTheAuthorEditsSubmitsOrWithdraws() {
        Post post = draft(poster, ApprovalRoute.DEPARTMENT, null);

        assertThatThrownBy(() -> post.submit(approver, NONE, now)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> post.withdraw(approver, now)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> post.edit(approver, post.content(), null, null, now)).isInstanceOf(NotPermittedException.class);
    }

    @Test
    void cannotSubmitWithATimeThatHasPassed() {
        Post post = draft(poster, ApprovalRoute.DEPARTMENT, now.plusSeconds(10));

        assertThatThrownBy(() -> post.submit(poster, NONE, now.plusSeconds(11))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void cancelStopsAnApprovedPostAndItsDeliveries() {
        Post post = approved();

        assertThatThrownBy(() -> post.cancel(otherApprover, "no", now)).isInstanceOf(NotPermittedException.class);
        post.cancel(admin, "台風接近のため中止", now);

        assertThat(post.status()).isEqualTo(PostStatus.CANCELLED);
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.CANCELLED);
    }

    @Test
    void cancellingNeedsAReasonAndSaysWhoMay() {
        Post post = approved();

        assertThat(post.cancellableBy(poster)).as("the author").isTrue();
        assertThat(post.cancellableBy(approver)).as("who may approve it").isTrue();
        assertThat(post.cancellableBy(admin)).isTrue();
        assertThat(post.cancellableBy(otherApprover)).as("another department's head").isFalse();
        assertThat(post.cancellableBy(pr)).as("PR does not decide a department post").isFalse();
        assertThatThrownBy(() -> post.cancel(poster, " ", now)).isInstanceOf(InvalidRequestException.class)
                .extracting("code").isEqualTo("post.cancelNeedsReason");
        assertThatThrownBy(() -> post.cancel(poster, "x".repeat(Post.MAX_REASON + 1), now))
                .isInstanceOf(InvalidRequestException.class).extracting("code").isEqualTo("post.reasonTooLong");
        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(submitted().cancellableBy(poster)).as("not approved yet: withdrawn instead").isFalse();
        assertThat(reload(approved(), DeliveryStatus.SENDING).cancellableBy(admin)).as("already going out").isFalse();
    }

    @Test
    void refusesEveryIllegalTransitionNamingTheCurrentState() {
        assertRefused(submitted(), p -> p.submit(poster, NONE, now), "SUBMITTED");
        assertRefused(draft(poster, ApprovalRoute.DEPARTMENT, null), p -> p.approve(approver, null, NONE, Set.of(), p.contentHash(), now), "DRAFT");
        assertRefused(draft(poster, ApprovalRoute.DEPARTMENT, null), p -> p.reject(approver, "x", now), "DRAFT");
        assertRefused(draft(poster, ApprovalRoute.DEPARTMENT, null), p -> p.cancel(poster, "x", now), "DRAFT");
        assertRefused(approved(), p -> p.approve(approver, null, NONE, Set.of(), p.contentHash(), now), "APPROVED");
        assertRefused(approved(), p -> p.reject(approver, "x", now), "APPROVED");
        assertRefused(approved(), p -> p.submit(poster, NONE, now), "APPROVED");
        assertRefused(approved(), p -> p.withdraw(poster, now), "APPROVED");
        Post rejected = submitted();
        rejected.reject(approver, "x", now);
        assertRefused(rejected, p -> p.approve(approver, null, NONE, Set.of(), p.contentHash(), now), "REJECTED");
        assertRefused(rejected, p -> p.submit(poster, NONE, now), "REJECTED");
        Post withdrawn = submitted();
        withdrawn.withdraw(poster, now);
        assertRefused(withdrawn, p -> p.approve(approver, null, NONE, Set.of(), p.contentHash(), now), "WITHDRAWN");
        assertRefused(withdrawn, p -> p.submit(poster, NONE, now), "WITHDRAWN");
        assertRefused(withdrawn, p -> p.withdraw(poster, now), "WITHDRAWN");
        assertRefused(withdrawn, p -> p.edit(poster, p.content(), null, null, now), "WITHDRAWN");
        Post cancelled = approved();
        cancelled.cancel(poster, "x", now);
        assertRefused(cancelled, p -> p.cancel(poster, "x", now), "CANCELLED");
        assertRefused(cancelled, p -> p.edit(poster, p.content(), null, null, now), "CANCELLED");
        assertRefused(cancelled, p -> p.approve(approver, null, NONE, Set.of(), p.contentHash(), now), "CANCELLED");
        assertRefused(approved(), p -> p.reschedule(approver, now.plusSeconds(5), NONE, Set.of(), now), "APPROVED");
    }

    @Test
    void refusesEditOrCancelOnceADeliveryHasStarted() {
        Post loaded = reload(approved(), DeliveryStatus.SENDING);

        assertThatThrownBy(() -> loaded.edit(poster, loaded.content(), null, null, now))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("SENDING");
        assertThatThrownBy(() -> loaded.cancel(poster, "x", now))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("SENDING");
    }

    @Test
    void blockingFindingsRefuseSubmission() {
        Post post = draft(poster, ApprovalRoute.DEPARTMENT, null);
        Finding shortener = new Finding(RuleId.URL_SHORTENER, 0, 10, null, List.of("bit.ly/x", "bit.ly"));

        assertThatThrownBy(() -> post.submit(poster, List.of(shortener), now))
                .isInstanceOf(PolicyViolationException.class);
        assertThat(post.status()).isEqualTo(PostStatus.DRAFT);
    }

    @Test
    void approvalNeedsEveryAcknowledgementAndRecordsIt() {
        Post post = submitted();
        post.drainEvents();
        Finding link = new Finding(RuleId.EXTERNAL_LINK, 3, 22, null, List.of("https://example.com", "example.com"));
        Finding term = new Finding(RuleId.PROHIBITED_CONTENT, 30, 32, null, List.of("馬鹿", "§4-①"));

        assertThatThrownBy(() -> post.approve(approver, "ok", List.of(link, term), Set.of(link.key()), post.contentHash(), now))
                .isInstanceOf(PolicyViolationException.class)
                .extracting(e -> ((PolicyViolationException) e).findings()).isEqualTo(List.of(term));
        assertThat(post.status()).isEqualTo(PostStatus.SUBMITTED);

        post.approve(approver, "ok", List.of(link, term), Set.of(link.key(), term.key()), post.contentHash(), now);

        assertThat(post.acknowledged()).containsExactlyInAnyOrder(link.key(), term.key());
        assertThat(post.drainEvents()).filteredOn(e -> e.action().equals("FINDING_ACKNOWLEDGED")).hasSize(2);
    }

    @Test
    void warningsNeedNoAcknowledgement() {
        Post post = submitted();
        Finding fuseji = new Finding(RuleId.FUSEJI, 0, 2, null, List.of("○○"));

        post.approve(approver, "ok", List.of(fuseji), Set.of(), post.contentHash(), now);

        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(post.acknowledged()).isEmpty();
    }

    @Test
    void contentChangesVoidAcknowledgements() {
        Post post = submitted();
        Finding link = new Finding(RuleId.EXTERNAL_LINK, 3, 22, null, List.of("https://example.com", "example.com"));
        post.approve(approver, "ok", List.of(link), Set.of(link.key()), post.contentHash(), now);

        post.edit(poster, PostContent.text("別の本文 https://example.com", PostCategory.NOTICE), post.scheduledAt(), null, now);

        assertThat(post.acknowledged()).isEmpty();
        assertThatThrownBy(() -> post.approve(approver, "ok", List.of(link), Set.of(), post.contentHash(), now))
                .isInstanceOf(PolicyViolationException.class);
    }

    private Post reload(Post post, DeliveryStatus firstDeliveryStatus) {
        List<Delivery> deliveries = new java.util.ArrayList<>(post.deliveries());
        deliveries.set(0, deliveries.getFirst().moveTo(firstDeliveryStatus, now));
        return new Post(post.id(), post.authorId(), post.route(), post.departmentId(), post.sourceUrl(), null,
                post.createdAt(), post.content(), post.scheduledAt(), post.status(), post.approvedHash(),
                post.decidedBy(), post.decidedAt(), post.decisionComment(), post.acknowledged(), deliveries, post.version(),
                post.updatedAt(), post.sourcePage(), post.submittedBy(), post.drill());
    }

    private static void assertRefused(Post post, java.util.function.Consumer<Post> action, String currentState) {
        assertThatThrownBy(() -> action.accept(post)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(currentState);
        assertThat(post.status().name()).isEqualTo(currentState);
    }

    // --- accounts closing (guideline §5) and the policy version of an approval ---

    @Test
    void closedAccountCancelsOnlyItsOwnPendingDeliveriesWithTheReason() {
        Post post = approved();
        post.drainEvents();

        post.accountClosed(100L, "アカウント廃止のため", now);

        assertThat(post.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(post.deliveries()).extracting(Delivery::accountId, Delivery::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(100L, DeliveryStatus.CANCELLED),
                org.assertj.core.groups.Tuple.tuple(101L, DeliveryStatus.SCHEDULED));
        assertThat(post.drainEvents()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("DELIVERY_CANCELLED");
            assertThat(e.detail().get("reason")).isEqualTo("アカウント廃止のため");
        });
    }

    @Test
    void deliveryCancelledByAClosedAccountStaysCancelledThroughApprovalAndEdits() {
        Post post = submitted();
        post.accountClosed(100L, "廃止", now);

        post.approve(approver, "ok", NONE, Set.of(), post.contentHash(), now);
        assertThat(post.deliveries()).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.CANCELLED, DeliveryStatus.SCHEDULED);

        post.edit(poster, PostContent.text("訂正したお知らせです。", PostCategory.NOTICE), now.plus(Duration.ofHours(2)), null,
                now);
        assertThat(post.deliveries()).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.CANCELLED, DeliveryStatus.WAITING);
    }

    @Test
    void approvalRecordsThePolicyVersionOfEachAccountAndAnEditVoidsIt() {
        Post post = submitted();
        post.bindPolicyVersions(java.util.Map.of(100L, 3, 101L, 1));
        post.approve(approver, "ok", NONE, Set.of(), post.contentHash(), now);

        assertThat(post.deliveries()).extracting(Delivery::policyVersion).containsExactly(3, 1);
        assertThat(post.drainEvents()).filteredOn(e -> e.action().equals("DELIVERY_SCHEDULED"))
                .extracting(e -> (Object) e.detail().get("policyVersion")).containsExactly(3, 1);

        post.edit(poster, PostContent.text("訂正したお知らせです。", PostCategory.NOTICE), now.plus(Duration.ofHours(2)), null,
                now);
        assertThat(post.deliveries()).extracting(Delivery::policyVersion).containsOnlyNulls();
    }
}
