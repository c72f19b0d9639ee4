package org.kohogateway.gateway.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.policy.PlatformCapabilities;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The requesters' side of the account registry (guideline §5 開始・廃止の手続き): draft a new account with its whole
 * operating policy, change a draft's policy (a new version), send the draft to the department head, request a change
 * of the policy of an account in service (reviewed as an opening is; the version in force stays until then), and
 * request the closing of an account in service with reason and date. {@link AccountWorkflow} decides who may; the
 * deciders use {@code /accounts/reviews}.
 */
@Controller
class AccountRequestPagesController {

    private final OfficialAccounts accounts;
    private final AccountWorkflow workflow;
    private final StaffDirectory staff;
    private final FormErrors errors;
    private final Clock clock;
    private final MessageSource messages;

    AccountRequestPagesController(OfficialAccounts accounts, AccountWorkflow workflow, StaffDirectory staff,
            FormErrors errors, Clock clock, MessageSource messages) {
        this.messages = messages;
        this.accounts = accounts;
        this.workflow = workflow;
        this.staff = staff;
        this.errors = errors;
        this.clock = clock;
    }

    /** The accounts this person may manage: their department's (all, for an admin) and those they administer. */
    @GetMapping("/accounts")
    String list(Staff me, Model model) {
        model.addAttribute("managed", accounts.all().stream().filter(a -> a.mayManage(me))
                .sorted(Comparator.comparing(OfficialAccount::departmentId).thenComparing(OfficialAccount::id))
                .toList());
        model.addAttribute("departmentNames", staff.departments().stream()
                .collect(Collectors.toMap(Department::id, Department::name)));
        return "accounts";
    }

    /** The new-account form; an admin first chooses the owning department, everyone else drafts for their own. */
    @GetMapping("/accounts/new")
    String newAccount(Staff me, @RequestParam(required = false) String department, Model model) {
        AccountForm form = new AccountForm();
        form.setDepartmentId(department);
        return newPage(me, form, model);
    }

    @PostMapping("/accounts")
    String draft(Staff me, @ModelAttribute("form") AccountForm form, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            OfficialAccount drafted = workflow.draft(me.username(), form.parsedPlatform(),
                    form.parsedDepartmentId(), form.draft());
            redirect.addFlashAttribute("flash", "flash.accountDrafted");
            return "redirect:/accounts/" + drafted.id();
        } catch (GatewayException e) {
            errors.show(model, response, "policy", e);
            return newPage(me, form, model);
        }
    }

    @GetMapping("/accounts/{id}")
    String account(Staff me, @PathVariable long id, Model model) {
        OfficialAccount account = accounts.get(id);
        return accountPage(me, account, AccountForm.of(account, staff), model);
    }

    @PostMapping("/accounts/{id}/policy")
    String changePolicy(Staff me, @PathVariable long id, @ModelAttribute("form") AccountForm form,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return policy(me, id, form, model, redirect, response, "flash.accountPolicyChanged",
                () -> workflow.changePolicy(me.username(), id, form.draft()));
    }

    @PostMapping("/accounts/{id}/policy-change")
    String proposePolicy(Staff me, @PathVariable long id, @ModelAttribute("form") AccountForm form,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return policy(me, id, form, model, redirect, response, "flash.accountPolicyChangeProposed",
                () -> workflow.proposePolicy(me.username(), id, form.draft()));
    }

    /** Saves or proposes a policy; a refusal shows the form again with what was typed. */
    private String policy(Staff me, long id, AccountForm form, Model model, RedirectAttributes redirect,
            HttpServletResponse response, String success, Runnable action) {
        OfficialAccount account = accounts.get(id);
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
            return "redirect:/accounts/" + id;
        } catch (GatewayException e) {
            errors.show(model, response, "policy", e);
            form.setPlatform(account.platform().name());
            form.setDepartmentId(String.valueOf(account.departmentId()));
            return accountPage(me, account, form, model);
        }
    }

    @PostMapping("/accounts/{id}/submit")
    String submit(Staff me, @PathVariable long id, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        return act(me, id, "submit", "flash.accountSubmitted", model, redirect, response,
                () -> workflow.submit(me.username(), id));
    }

    @PostMapping("/accounts/{id}/closing")
    String requestClosing(Staff me, @PathVariable long id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String closingDate, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        model.addAttribute("closingForm", Map.of("reason", reason == null ? "" : reason,
                "closingDate", closingDate == null ? "" : closingDate));
        return act(me, id, "closing", "flash.accountClosingRequested", model, redirect, response,
                () -> workflow.requestClosing(me.username(), id, reason, date(closingDate)));
    }

    private String act(Staff me, long id, String form, String success, Model model,
            RedirectAttributes redirect, HttpServletResponse response, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
            return "redirect:/accounts/" + id;
        } catch (NotFoundException e) {
            throw e;
        } catch (GatewayException e) {
            errors.show(model, response, form, e);
            OfficialAccount account = accounts.get(id);
            return accountPage(me, account, AccountForm.of(account, staff), model);
        }
    }

    private String newPage(Staff me, AccountForm form, Model model) {
        boolean admin = me.administers();
        if (!admin) {
            form.setDepartmentId(String.valueOf(me.departmentId()));
        }
        Long department = departmentOrNull(form.getDepartmentId());
        model.addAttribute("form", form);
        model.addAttribute("chooseDepartment", admin);
        model.addAttribute("departments", staff.departments());
        model.addAttribute("formDepartment", department == null ? null : staff.department(department));
        members(model, department == null ? List.of() : staff.inDepartment(department));
        model.addAttribute("editable", department != null);
        model.addAttribute("formAction", "/accounts");
        options(model);
        return "account-request";
    }

    private String accountPage(Staff me, OfficialAccount account, AccountForm form, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("formDepartment", staff.department(account.departmentId()));
        members(model, staff.inDepartment(account.departmentId()));
        // a draft is edited; the policy of an account in service is only ever proposed, for review
        model.addAttribute("editable", account.policyEditable());
        model.addAttribute("proposing", account.policyProposed());
        model.addAttribute("mayManage", account.mayManage(me));
        model.addAttribute("takes", PlatformCapabilities.of(account.platform()));
        model.addAttribute("formAction", "/accounts/" + account.id()
                + (account.policyProposed() ? "/policy-change" : "/policy"));
        model.addAttribute("comparison", PolicyComparison.of(account, staff, messages,
                LocaleContextHolder.getLocale()));
        model.addAttribute("versions", accounts.policyVersions(account.id()).size());
        if (!model.containsAttribute("closingForm")) {
            model.addAttribute("closingForm", Map.of("reason", "", "closingDate", ""));
        }
        model.addAttribute("earliestClosing", LocalDate.ofInstant(clock.instant(), AccountWorkflow.CITY_TIME).toString());
        options(model);
        return "account-request";
    }

    /** Anyone of the department may be the administrator; the operators are its posters. */
    private static void members(Model model, List<Staff> members) {
        model.addAttribute("members", members);
        model.addAttribute("operatorCandidates", members.stream().filter(Staff::mayOperateAccounts).toList());
    }

    private static void options(Model model) {
        model.addAttribute("platforms", Platform.values());
        model.addAttribute("replyPolicies", ReplyPolicy.values());
        model.addAttribute("maxName", AccountWorkflow.MAX_NAME);
        model.addAttribute("maxUrl", AccountWorkflow.MAX_URL);
        model.addAttribute("maxText", AccountWorkflow.MAX_TEXT);
    }

    private Long departmentOrNull(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            return staff.departments().stream().anyMatch(d -> d.id() == id) ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("page.badDate", "not a date: " + value, value);
        }
    }
}
