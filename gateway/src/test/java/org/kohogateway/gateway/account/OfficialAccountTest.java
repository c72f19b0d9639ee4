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

    @Test
    void policyOfAnAccountInServiceIsKeptUpToDateByTheDepartmentHead() {
        OfficialAccount account = active();
        AccountPolicy current = account.accountPolicy();
        AccountPolicy newTone = new AccountPolicy(current.name(), current.url(), "観光とイベントの情報",
                current.administratorId(), current.operatorIds(), new OperatingPolicy(true, ReplyPolicy.NO_REPLIES,
                        "正確に", "丁寧に", "コメントには返信しません"));

        assertRefusal(() -> account.changePolicy(poster, newTone), "account.policyChangeNeedsHead");
        account.changePolicy(head, newTone);

        assertThat(account.policyVersion()).isEqualTo(2);
    }

    @Test
    void whatThePrDepartmentReviewedChangesInServiceOnlyThroughThePrDepartment() {
        OfficialAccount account = active();
        AccountPolicy current = account.accountPolicy();
        AccountPolicy noApproval = new AccountPolicy(current.name(), current.url(), current.purpose(),
                current.administratorId(), current.operatorIds(), new OperatingPolicy(false, ReplyPolicy.NO_REPLIES,
                        "正確に", "親しみやすく", ""));
        AccountPolicy replies = new AccountPolicy(current.name(), current.url(), current.purpose(),
                current.administratorId(), current.operatorIds(), new OperatingPolicy(true,
                        ReplyPolicy.REPLIES_ALLOWED, "正確に", "親しみやすく", ""));

        for (AccountPolicy reviewed : List.of(policy("改名"), noApproval, replies, new AccountPolicy(current.name(),
                "https://lin.ee/other", current.purpose(), current.administratorId(), current.operatorIds(),
                current.operating()))) {
            assertRefusal(() -> account.changePolicy(head, reviewed), "account.policyChangeNeedsPr");
        }
        assertThat(account.policyVersion()).isEqualTo(1);
        account.changePolicy(pr, noApproval);
        account.changePolicy(admin, policy("改名"));
        assertThat(account.policyVersion()).isEqualTo(3);
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
