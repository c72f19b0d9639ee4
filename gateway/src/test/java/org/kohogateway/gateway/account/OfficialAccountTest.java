package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;

/** The opening and closing workflows of an account (guideline §5), without a database. */
class OfficialAccountTest {

    private static final long DEPT = 1;
    private static final long OTHER_DEPT = 2;
    private static final long PR_DEPT = 3;
    private static final LocalDate TODAY = LocalDate.of(2026, 4, 1);
    private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");

    private final Staff poster = new Staff(10, "poster", "poster", DEPT, Set.of(Role.POSTER));
    private final Staff head = new Staff(11, "head", "head", DEPT, Set.of(Role.APPROVER));
    private final Staff otherHead = new Staff(12, "otherHead", "otherHead", OTHER_DEPT, Set.of(Role.APPROVER));
    private final Staff pr = new Staff(13, "pr", "pr", PR_DEPT, Set.of(Role.PR_OFFICER));
    private final Staff admin = new Staff(14, "admin", "admin", PR_DEPT, Set.of(Role.ADMIN));
    private final Staff auditor = new Staff(15, "auditor", "auditor", DEPT, Set.of(Role.AUDITOR));
    private final Staff headAndPr = new Staff(16, "headAndPr", "headAndPr", DEPT,
            EnumSet.of(Role.APPROVER, Role.PR_OFFICER));
    private final Staff outsidePoster = new Staff(17, "outsider", "outsider", OTHER_DEPT, Set.of(Role.POSTER));

    private static AccountPolicy policy(String name) {
        return new AccountPolicy(name, "https://lin.ee/x", "観光情報", 10L, List.of(10L),
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES, "正確に", "親しみやすく", ""));
    }

    private OfficialAccount draft() {
        OfficialAccount account = OfficialAccount.draft(poster, Platform.LINE, DEPT, policy("観光 LINE"));
        account.drainEvents();
        return account;
    }

    private OfficialAccount pendingPr() {
        OfficialAccount account = draft();
        account.submit(poster);
        account.approveAsDepartment(head, "承認");
        return account;
    }

    private OfficialAccount active() {
        OfficialAccount account = pendingPr();
        account.approveAsPr(pr, "審査済み");
        account.drainEvents();
        return account;
    }

    private OfficialAccount closingPendingPr() {
        OfficialAccount account = active();
        account.requestClosing(poster, "利用者減少のため", TODAY.plusDays(7), TODAY);
        account.approveAsDepartment(head, "了承");
        return account;
    }

    @Test
    void openingWalksDraftDepartmentPrActiveAndRecordsEachStep() {
        OfficialAccount account = OfficialAccount.draft(poster, Platform.LINE, DEPT, policy("観光 LINE"));
        assertThat(account.status()).isEqualTo(AccountStatus.DRAFT);
        assertThat(account.active()).isFalse();

        account.submit(poster);
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);
        account.approveAsDepartment(head, "承認します");
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING_PR);
        account.approveAsPr(pr, "審査しました");

        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.active()).isTrue();
        assertThat(account.decisionComment()).isEqualTo("審査しました");
        assertThat(account.drainEvents()).extracting(AccountEvent::action).containsExactly("ACCOUNT_DRAFTED",
                "ACCOUNT_SUBMITTED", "ACCOUNT_OPENING_DEPARTMENT_APPROVED", "ACCOUNT_OPENING_PR_APPROVED");
    }

    @Test
    void departmentRejectionSendsTheDraftBackWithTheComment() {
        OfficialAccount account = draft();
        account.submit(poster);

        account.rejectAsDepartment(head, "目的を具体的に");

        assertThat(account.status()).isEqualTo(AccountStatus.DRAFT);
        assertThat(account.decisionComment()).isEqualTo("目的を具体的に");
        assertThat(account.drainEvents().getLast().action()).isEqualTo("ACCOUNT_OPENING_DEPARTMENT_REJECTED");
    }

    @Test
    void prRejectionSendsTheDraftBackAndItCanBeResubmitted() {
        OfficialAccount account = pendingPr();

        account.rejectAsPr(pr, "返信方針を明記してください");
        assertThat(account.status()).isEqualTo(AccountStatus.DRAFT);

        account.submit(poster);
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);
    }

    @Test
    void rejectionWithoutCommentIsRefused() {
        OfficialAccount account = draft();
        account.submit(poster);

        assertThatThrownBy(() -> account.rejectAsDepartment(head, " ")).isInstanceOf(InvalidRequestException.class)
                .extracting("code").isEqualTo("account.rejectNeedsComment");
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);
    }

    @Test
    void departmentStepNeedsTheHeadOfTheOwningDepartment() {
        OfficialAccount account = draft();
        account.submit(poster);

        assertRefusal(() -> account.approveAsDepartment(poster, null), "account.notApprover");
        assertRefusal(() -> account.approveAsDepartment(pr, null), "account.notApprover");
        assertRefusal(() -> account.approveAsDepartment(otherHead, null), "account.wrongDepartment");
        assertRefusal(() -> account.rejectAsDepartment(otherHead, "no"), "account.wrongDepartment");
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING_DEPARTMENT);
    }

    @Test
    void prStepNeedsAPrOfficer() {
        OfficialAccount account = pendingPr();

        assertRefusal(() -> account.approveAsPr(head, null), "account.needsPr");
        assertRefusal(() -> account.approveAsPr(admin, null), "account.needsPr");
        assertRefusal(() -> account.rejectAsPr(poster, "no"), "account.needsPr");
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING_PR);
    }

    @Test
    void nobodyDecidesTheirOwnRequestOrBothSteps() {
        OfficialAccount own = OfficialAccount.draft(headAndPr, Platform.LINE, DEPT, policy("観光 LINE"));
        own.submit(headAndPr);
        assertRefusal(() -> own.approveAsDepartment(headAndPr, null), "account.selfApproval");

        OfficialAccount twoSteps = draft();
        twoSteps.submit(poster);
        twoSteps.approveAsDepartment(headAndPr, null);
        assertRefusal(() -> twoSteps.approveAsPr(headAndPr, null), "account.selfApproval");
        assertThat(twoSteps.status()).isEqualTo(AccountStatus.PENDING_PR);
    }

    @Test
    void draftingAndSubmittingNeedSomeoneWhoManagesTheAccount() {
        assertRefusal(() -> OfficialAccount.draft(outsidePoster, Platform.LINE, DEPT, policy("x")),
                "account.notManager");
        assertRefusal(() -> OfficialAccount.draft(auditor, Platform.LINE, DEPT, policy("x")), "account.notManager");
        assertThat(OfficialAccount.draft(admin, Platform.LINE, DEPT, policy("x")).status())
                .isEqualTo(AccountStatus.DRAFT);

        OfficialAccount account = draft();
        assertRefusal(() -> account.submit(outsidePoster), "account.notManager");
    }

    @Test
    void stepsOutOfOrderAreRefusedNamingTheCurrentState() {
        assertIllegal(draft(), a -> a.approveAsDepartment(head, null), "DRAFT");
        assertIllegal(draft(), a -> a.approveAsPr(pr, null), "DRAFT");
        assertIllegal(draft(), a -> a.requestClosing(poster, "r", TODAY, TODAY), "DRAFT");
        OfficialAccount pending = draft();
        pending.submit(poster);
        assertIllegal(pending, a -> a.approveAsPr(pr, null), "PENDING_DEPARTMENT");
        assertIllegal(pending, a -> a.submit(poster), "PENDING_DEPARTMENT");
        assertIllegal(pending, a -> a.changePolicy(poster, policy("changed")), "PENDING_DEPARTMENT");
        assertIllegal(pendingPr(), a -> a.approveAsDepartment(head, null), "PENDING_PR");
        assertIllegal(active(), a -> a.submit(poster), "ACTIVE");
        assertIllegal(active(), a -> a.approveAsPr(pr, null), "ACTIVE");
        assertIllegal(active(), a -> a.close(TODAY.plusYears(1), NOW), "ACTIVE");
    }

    @Test
    void policyChangesAreNewVersions() {
        OfficialAccount account = draft();

        account.changePolicy(poster, policy("観光 LINE（改）"));

        assertThat(account.policyVersion()).isEqualTo(2);
        assertThat(account.name()).isEqualTo("観光 LINE（改）");
        assertThat(account.policyChanged()).isTrue();
        assertThat(account.drainEvents()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("ACCOUNT_POLICY_CHANGED");
            assertThat(e.detail().get("version")).isEqualTo(2);
            assertThat(e.detail().get("name")).isEqualTo("観光 LINE（改）");
        });
        assertRefusal(() -> account.changePolicy(poster, policy("観光 LINE（改）")), "account.policyUnchanged");
    }

    /** Every field of the policy different from {@link #policy}: nothing of the old version may survive. */
    private static AccountPolicy everyFieldChanged() {
        return new AccountPolicy("観光 LINE（新）", "https://lin.ee/new", "観光とイベントの情報", 11L, List.of(10L, 17L),
                new OperatingPolicy(false, ReplyPolicy.REPLIES_ALLOWED, "迅速に", "丁寧に", "必要に応じて返信します"));
    }

    private OfficialAccount changePendingPr(Staff proposer, Staff departmentHead) {
        OfficialAccount account = active();
        account.proposePolicy(proposer, everyFieldChanged());
        account.approveAsDepartment(departmentHead, "了承");
        return account;
    }

    @Test
    void aPolicyChangeInServiceIsAProposalAndTheOldPolicyStaysInForceUntilPrApproves() {
        OfficialAccount account = active();
        AccountPolicy old = account.accountPolicy();

        account.proposePolicy(poster, everyFieldChanged());

        assertThat(account.status()).isEqualTo(AccountStatus.CHANGE_PENDING_DEPARTMENT);
        assertThat(account.active()).as("keeps taking posts").isTrue();
        assertThat(account.accountPolicy()).isEqualTo(old);
        assertThat(account.policy().departmentApprovalRequired()).isTrue();
        assertThat(account.policy().replyPolicy()).isEqualTo(ReplyPolicy.NO_REPLIES);
        assertThat(account.policyVersion()).isEqualTo(1);
        assertThat(account.policyChanged()).isFalse();
        assertThat(account.proposedPolicy()).isEqualTo(everyFieldChanged());

        account.approveAsDepartment(head, "了承");
        assertThat(account.status()).isEqualTo(AccountStatus.CHANGE_PENDING_PR);
        assertThat(account.accountPolicy()).isEqualTo(old);
        assertThat(account.policyVersion()).isEqualTo(1);

        account.approveAsPr(pr, "審査しました");

        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.accountPolicy()).isEqualTo(everyFieldChanged());
        assertThat(account.policyVersion()).isEqualTo(2);
        assertThat(account.policyChanged()).isTrue();
        assertThat(account.proposedPolicy()).isNull();
        assertThat(account.drainEvents()).extracting(AccountEvent::action).containsExactly(
                "ACCOUNT_POLICY_CHANGE_PROPOSED", "ACCOUNT_POLICY_CHANGE_DEPARTMENT_APPROVED",
                "ACCOUNT_POLICY_CHANGE_PR_APPROVED", "ACCOUNT_POLICY_CHANGED");
    }

    @Test
    void everyFieldOfThePolicyIsPartOfTheProposalAndNamedAsChanged() {
        OfficialAccount account = active();

        account.proposePolicy(poster, everyFieldChanged());

        assertThat(account.proposedChanges()).containsExactly("name", "url", "purpose", "administrator", "operators",
                "departmentApprovalRequired", "replyPolicy", "basicPrinciples", "tone", "commentHandling");
        assertThat(account.drainEvents()).singleElement().satisfies(e -> assertThat(e.detail().keySet())
                .contains("name", "url", "purpose", "administratorId", "operatorIds", "departmentApprovalRequired",
                        "replyPolicy", "basicPrinciples", "tone", "commentHandling", "changes"));
        account.approveAsDepartment(head, null);
        account.approveAsPr(pr, null);
        assertThat(account.snapshot()).containsEntry("name", "観光 LINE（新）").containsEntry("administratorId", 11L)
                .containsEntry("operatorIds", List.of(10L, 17L)).containsEntry("departmentApprovalRequired", false)
                .containsEntry("replyPolicy", "REPLIES_ALLOWED").containsEntry("tone", "丁寧に")
                .containsEntry("version", 2);
    }

    @Test
    void anUnchangedPolicyIsNoProposal() {
        OfficialAccount account = active();

        assertRefusal(() -> account.proposePolicy(head, account.accountPolicy()), "account.policyUnchanged");
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void aPolicyChangeIsProposedByWhoeverManagesTheAccount() {
        assertRefusal(() -> active().proposePolicy(outsidePoster, everyFieldChanged()), "account.notManager");
        assertRefusal(() -> active().proposePolicy(auditor, everyFieldChanged()), "account.notManager");
        assertRefusal(() -> active().proposePolicy(pr, everyFieldChanged()), "account.notManager");
        for (Staff manager : List.of(poster, head, admin)) {
            OfficialAccount account = active();
            account.proposePolicy(manager, everyFieldChanged());
            assertThat(account.status()).as(manager.username()).isEqualTo(AccountStatus.CHANGE_PENDING_DEPARTMENT);
        }
    }

    @Test
    void nobodyApprovesTheirOwnPolicyChange() {
        OfficialAccount account = active();
        account.proposePolicy(head, everyFieldChanged());

        assertRefusal(() -> account.approveAsDepartment(head, null), "account.selfApproval");
        assertThat(account.status()).isEqualTo(AccountStatus.CHANGE_PENDING_DEPARTMENT);

        OfficialAccount byPr = active();
        byPr.proposePolicy(headAndPr, everyFieldChanged());
        byPr.approveAsDepartment(head, null);
        assertRefusal(() -> byPr.approveAsPr(headAndPr, null), "account.selfApproval");
        assertThat(byPr.status()).isEqualTo(AccountStatus.CHANGE_PENDING_PR);
    }

    @Test
    void theDepartmentStepOfAPolicyChangeIsTheOwningDepartmentHeads() {
        OfficialAccount account = active();
        account.proposePolicy(poster, everyFieldChanged());

        assertRefusal(() -> account.approveAsDepartment(otherHead, null), "account.wrongDepartment");
        assertRefusal(() -> account.approveAsDepartment(pr, null), "account.notApprover");
        assertRefusal(() -> account.approveAsDepartment(admin, null), "account.notApprover");
        assertRefusal(() -> account.approveAsPr(pr, null), "account.illegalTransition");
        assertThat(account.status()).isEqualTo(AccountStatus.CHANGE_PENDING_DEPARTMENT);
    }

    @Test
    void thePrStepOfAPolicyChangeIsNotTheDepartmentDecidersAndNeedsAPrOfficer() {
        OfficialAccount account = changePendingPr(poster, headAndPr);

        assertRefusal(() -> account.approveAsPr(headAndPr, null), "account.selfApproval");
        assertRefusal(() -> account.approveAsPr(head, null), "account.needsPr");
        assertRefusal(() -> account.approveAsPr(admin, null), "account.needsPr");
        assertRefusal(() -> account.approveAsDepartment(head, null), "account.illegalTransition");
        assertThat(account.status()).isEqualTo(AccountStatus.CHANGE_PENDING_PR);
        assertThat(account.policyVersion()).isEqualTo(1);
    }

    @Test
    void aRejectedPolicyChangeIsDiscardedAndThePolicyStaysAsItWas() {
        OfficialAccount byHead = active();
        AccountPolicy old = byHead.accountPolicy();
        byHead.proposePolicy(poster, everyFieldChanged());
        assertRefusal(() -> byHead.rejectAsDepartment(head, " "), "account.rejectNeedsComment");

        byHead.rejectAsDepartment(head, "今の方針のままで");

        assertThat(byHead.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(byHead.accountPolicy()).isEqualTo(old);
        assertThat(byHead.policyVersion()).isEqualTo(1);
        assertThat(byHead.proposedPolicy()).isNull();
        assertThat(byHead.policyChanged()).isFalse();
        assertThat(byHead.decisionComment()).isEqualTo("今の方針のままで");
        assertThat(byHead.drainEvents().getLast().action()).isEqualTo("ACCOUNT_POLICY_CHANGE_DEPARTMENT_REJECTED");

        OfficialAccount byPr = changePendingPr(poster, head);
        byPr.rejectAsPr(pr, "返信の体制が整っていません");
        assertThat(byPr.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(byPr.accountPolicy()).isEqualTo(old);
        assertThat(byPr.policyVersion()).isEqualTo(1);
        assertThat(byPr.proposedPolicy()).isNull();
        assertThat(byPr.drainEvents().getLast().action()).isEqualTo("ACCOUNT_POLICY_CHANGE_PR_REJECTED");
    }

    @Test
    void oneProposalAtATimeAndNoneWhileClosing() {
        OfficialAccount account = active();
        account.proposePolicy(poster, everyFieldChanged());

        assertRefusal(() -> account.proposePolicy(head, policy("別案")), "account.policyChangePending");
        assertRefusal(() -> account.requestClosing(poster, "理由", TODAY, TODAY), "account.policyChangePending");
        account.approveAsDepartment(head, null);
        assertRefusal(() -> account.proposePolicy(head, policy("別案")), "account.policyChangePending");
        assertRefusal(() -> account.requestClosing(poster, "理由", TODAY, TODAY), "account.policyChangePending");
        assertThat(account.proposedPolicy()).isEqualTo(everyFieldChanged());

        assertIllegal(closingPendingPr(), a -> a.proposePolicy(head, everyFieldChanged()), "CLOSING_PENDING_PR");
        OfficialAccount closing = active();
        closing.requestClosing(poster, "理由", TODAY, TODAY);
        assertIllegal(closing, a -> a.proposePolicy(head, everyFieldChanged()), "CLOSING_PENDING_DEPARTMENT");
    }

    @Test
    void anAccountInServiceIsNeverEditedDirectlyNorADraftProposed() {
        assertIllegal(active(), a -> a.changePolicy(head, everyFieldChanged()), "ACTIVE");
        assertIllegal(draft(), a -> a.proposePolicy(poster, everyFieldChanged()), "DRAFT");
    }

    @Test
    void closingWalksDepartmentPrScheduledAndClosesOnItsDate() {
        OfficialAccount account = closingPendingPr();
        assertThat(account.status()).isEqualTo(AccountStatus.CLOSING_PENDING_PR);

        account.approveAsPr(pr, "了承");
        assertThat(account.status()).isEqualTo(AccountStatus.CLOSING_SCHEDULED);
        assertThat(account.active()).as("takes posts until its date").isTrue();
        assertThat(account.closingDue(TODAY.plusDays(6))).isFalse();
        assertIllegal(account, a -> a.close(TODAY.plusDays(6), NOW), "2026-04-08");

        account.close(TODAY.plusDays(7), NOW);

        assertThat(account.status()).isEqualTo(AccountStatus.CLOSED);
        assertThat(account.active()).isFalse();
        assertThat(account.closedAt()).isEqualTo(NOW);
        assertThat(account.drainEvents()).extracting(AccountEvent::action).containsExactly("ACCOUNT_CLOSING_REQUESTED",
                "ACCOUNT_CLOSING_DEPARTMENT_APPROVED", "ACCOUNT_CLOSING_PR_APPROVED", "ACCOUNT_CLOSED");
    }

    @Test
    void closingRejectionReturnsTheAccountToActiveAndForgetsTheRequest() {
        OfficialAccount byHead = active();
        byHead.requestClosing(poster, "理由", TODAY, TODAY);
        byHead.rejectAsDepartment(head, "継続します");
        assertThat(byHead.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(byHead.closingDate()).isNull();
        assertThat(byHead.drainEvents().getLast().action()).isEqualTo("ACCOUNT_CLOSING_DEPARTMENT_REJECTED");

        OfficialAccount byPr = closingPendingPr();
        byPr.rejectAsPr(pr, "代替手段を検討してください");
        assertThat(byPr.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(byPr.closingReason()).isNull();
    }

    @Test
    void closingRequestNeedsAReasonAndADateNeitherPastNorYearsAhead() {
        OfficialAccount account = active();

        assertRefusal(() -> account.requestClosing(poster, "", TODAY, TODAY), "account.closingReasonRequired");
        assertRefusal(() -> account.requestClosing(poster, "理由", TODAY.minusDays(1), TODAY),
                "account.closingDateInPast");
        assertRefusal(() -> account.requestClosing(poster, "理由", null, TODAY), "account.closingDateRequired");
        assertRefusal(() -> account.requestClosing(poster, "理由", TODAY.plusYears(2).plusDays(1), TODAY),
                "account.closingDateTooFar");
        assertRefusal(() -> account.requestClosing(poster, "理由", java.time.LocalDate.MAX, TODAY),
                "account.closingDateTooFar");
        assertRefusal(() -> account.requestClosing(outsidePoster, "理由", TODAY, TODAY), "account.notManager");
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void closingStepsNeedTheSameRolesAsOpening() {
        OfficialAccount account = active();
        account.requestClosing(poster, "理由", TODAY, TODAY);
        assertRefusal(() -> account.approveAsDepartment(otherHead, null), "account.wrongDepartment");
        assertRefusal(() -> account.approveAsPr(pr, null), null);
        account.approveAsDepartment(head, null);
        assertRefusal(() -> account.approveAsPr(head, null), "account.needsPr");
        assertThat(account.status()).isEqualTo(AccountStatus.CLOSING_PENDING_PR);
    }

    private static void assertRefusal(Runnable action, String code) {
        var thrown = assertThatThrownBy(action::run).isInstanceOfAny(NotPermittedException.class,
                InvalidRequestException.class, IllegalTransitionException.class);
        if (code != null) {
            thrown.extracting("code").isEqualTo(code);
        }
    }

    private static void assertIllegal(OfficialAccount account, Consumer<OfficialAccount> action, String named) {
        AccountStatus before = account.status();
        assertThatThrownBy(() -> action.accept(account)).isInstanceOf(IllegalTransitionException.class)
                .satisfies(e -> assertThat(((IllegalTransitionException) e).arguments())
                        .anySatisfy(arg -> assertThat(String.valueOf(arg)).isEqualTo(named)));
        assertThat(account.status()).isEqualTo(before);
    }
}
