package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.blankToNull;

import java.security.Principal;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account registry review (guideline §5 開始・廃止の手続き): a department head sees the openings and closings of
 * their department waiting for them, a PR officer those waiting for the PR department's review; each shows the
 * operating policy being approved and is approved or sent back with a comment (a rejection needs one).
 */
@Controller
class AccountReviewPagesController {

    private static final Set<AccountStatus> DEPARTMENT_STEP = EnumSet.of(AccountStatus.PENDING_DEPARTMENT,
            AccountStatus.CLOSING_PENDING_DEPARTMENT);
    private static final Set<AccountStatus> PR_STEP = EnumSet.of(AccountStatus.PENDING_PR,
            AccountStatus.CLOSING_PENDING_PR);

    private final OfficialAccounts accounts;
    private final AccountWorkflow workflow;
    private final StaffDirectory staff;
    private final FindingLines lines;

    AccountReviewPagesController(OfficialAccounts accounts, AccountWorkflow workflow, StaffDirectory staff,
            FindingLines lines) {
        this.accounts = accounts;
        this.workflow = workflow;
        this.staff = staff;
        this.lines = lines;
    }

    @GetMapping("/accounts/reviews")
    String reviews(Principal principal, Model model) {
        Staff me = staff.byUsername(principal.getName());
        model.addAttribute("reviews", accounts.all().stream().filter(a -> waitsFor(me, a))
                .sorted(Comparator.comparing(OfficialAccount::id)).toList());
        model.addAttribute("departments", staff.departments().stream()
                .collect(Collectors.toMap(d -> d.id(), d -> d.name())));
        return "account-reviews";
    }

    /** Whether this account's current step is this person's to decide. */
    static boolean waitsFor(Staff me, OfficialAccount a) {
        return (me.has(Role.APPROVER) && a.departmentId() == me.departmentId() && DEPARTMENT_STEP.contains(a.status()))
                || (me.has(Role.PR_OFFICER) && PR_STEP.contains(a.status()));
    }

    @PostMapping("/accounts/{id}/review/approve")
    String approve(Principal principal, @PathVariable long id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.accountApproved", () -> {
            if (PR_STEP.contains(accounts.get(id).status())) {
                workflow.approveAsPr(principal.getName(), id, blankToNull(comment));
            } else {
                workflow.approveAsDepartment(principal.getName(), id, blankToNull(comment));
            }
        });
    }

    @PostMapping("/accounts/{id}/review/reject")
    String reject(Principal principal, @PathVariable long id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.accountRejected", () -> {
            if (PR_STEP.contains(accounts.get(id).status())) {
                workflow.rejectAsPr(principal.getName(), id, comment);
            } else {
                workflow.rejectAsDepartment(principal.getName(), id, comment);
            }
        });
    }

    private String decide(RedirectAttributes redirect, String successCode, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", successCode);
        } catch (GatewayException e) {
            lines.flash(redirect, e, null, java.util.Map.of());
        }
        return "redirect:/accounts/reviews";
    }
}
