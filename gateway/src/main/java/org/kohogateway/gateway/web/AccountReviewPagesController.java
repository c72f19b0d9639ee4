package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.blankToNull;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account registry review (guideline §5 開始・変更・廃止の手続き): a department head sees the openings, policy
 * changes and closings of their department waiting for them, a PR officer those waiting for the PR department's
 * review; each shows the operating policy being approved (a policy change beside the version in force) and is
 * approved or sent back with a comment (a rejection needs one).
 */
@Controller
class AccountReviewPagesController {

    private final OfficialAccounts accounts;
    private final AccountWorkflow workflow;
    private final StaffDirectory staff;
    private final FindingLines lines;
    private final MessageSource messages;

    AccountReviewPagesController(OfficialAccounts accounts, AccountWorkflow workflow, StaffDirectory staff,
            FindingLines lines, MessageSource messages) {
        this.messages = messages;
        this.accounts = accounts;
        this.workflow = workflow;
        this.staff = staff;
        this.lines = lines;
    }

    @GetMapping("/accounts/reviews")
    String reviews(Staff me, Model model, Locale locale) {
        List<OfficialAccount> reviews = accounts.all().stream().filter(a -> a.awaitsDecisionBy(me))
                .sorted(Comparator.comparing(OfficialAccount::id)).toList();
        model.addAttribute("reviews", reviews);
        model.addAttribute("comparisons", reviews.stream().filter(a -> a.status().policyChange())
                .collect(Collectors.toMap(OfficialAccount::id,
                        a -> PolicyComparison.of(a, staff, messages, locale))));
        model.addAttribute("departments", staff.departments().stream()
                .collect(Collectors.toMap(d -> d.id(), d -> d.name())));
        return "account-reviews";
    }

    @PostMapping("/accounts/{id}/review/approve")
    String approve(Staff me, @PathVariable long id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.accountApproved", () -> {
            if (accounts.get(id).atPrStep()) {
                workflow.approveAsPr(me.username(), id, blankToNull(comment));
            } else {
                workflow.approveAsDepartment(me.username(), id, blankToNull(comment));
            }
        });
    }

    @PostMapping("/accounts/{id}/review/reject")
    String reject(Staff me, @PathVariable long id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.accountRejected", () -> {
            if (accounts.get(id).atPrStep()) {
                workflow.rejectAsPr(me.username(), id, comment);
            } else {
                workflow.rejectAsDepartment(me.username(), id, comment);
            }
        });
    }

    private String decide(RedirectAttributes redirect, String successCode, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", successCode);
        } catch (GatewayException e) {
            lines.flash(redirect, e, null, Map.of());
        }
        return "redirect:/accounts/reviews";
    }
}
