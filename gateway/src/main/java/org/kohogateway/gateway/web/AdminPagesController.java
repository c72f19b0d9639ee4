package org.kohogateway.gateway.web;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ProfileCheck;
import org.kohogateway.gateway.account.ProfileChecks;
import org.kohogateway.gateway.crisis.Pause;
import org.kohogateway.gateway.crisis.PauseReport;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.crisis.ResumeReport;
import org.kohogateway.gateway.dispatch.PlatformQuotas;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin's crisis page (guideline §7-②): accounts with their policy and status, pause or resume one account or
 * everything — each after a confirmation page that asks for the reason — and what was in flight.
 */
@Controller
class AdminPagesController {

    private final OfficialAccounts accounts;
    private final Pauses pauses;
    private final SendLog sendLog;
    private final StaffDirectory staff;
    private final FindingLines lines;
    private final ProfileChecks profiles;
    private final PlatformQuotas quotas;
    private final java.time.Clock clock;

    AdminPagesController(OfficialAccounts accounts, Pauses pauses, SendLog sendLog, StaffDirectory staff,
            FindingLines lines, ProfileChecks profiles, PlatformQuotas quotas, java.time.Clock clock) {
        this.profiles = profiles;
        this.quotas = quotas;
        this.clock = clock;
        this.accounts = accounts;
        this.pauses = pauses;
        this.sendLog = sendLog;
        this.staff = staff;
        this.lines = lines;
    }

    @GetMapping("/admin/accounts")
    String accounts(Model model) {
        Set<Long> paused = pauses.active().stream().map(Pause::accountId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        model.addAttribute("accounts", accounts.all().stream()
                .sorted(Comparator.comparing(OfficialAccount::departmentId).thenComparing(OfficialAccount::id))
                .toList());
        model.addAttribute("paused", paused);
        model.addAttribute("everythingPaused", pauses.active().stream().anyMatch(p -> p.accountId() == null));
        model.addAttribute("departments", staff.departments().stream()
                .collect(Collectors.toMap(d -> d.id(), d -> d.name())));
        model.addAttribute("inFlight", sendLog.inFlight(null));
        java.util.Map<Long, ProfileCheck> checks = new java.util.HashMap<>();
        accounts.all().forEach(a -> profiles.latest(a.id()).ifPresent(c -> checks.put(a.id(), c)));
        model.addAttribute("checks", checks);
        model.addAttribute("credentialFields", PlatformCredentials.FIELDS);
        model.addAttribute("optionalCredentials", PlatformCredentials.OPTIONAL);
        return "admin-accounts";
    }

    /**
     * The platform's own sending quota of one account (LINE's month, Instagram's and Threads' 24 hours), read from the platform when
     * asked — the accounts page does not call every platform on every load. htmx swaps the fragment into the row;
     * without script the link opens it as a page.
     */
    @GetMapping("/admin/accounts/{id}/quota")
    String quota(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("quotaAccount", accounts.get(id));
        model.addAttribute("quota", quotas.of(id));
        model.addAttribute("quotaReadAt", clock.instant());
        return htmx == null ? "admin-quota" : "fragments/quota :: quota";
    }

    /** Reads the live profile through the account's connector (proves the credentials) and checks it. */
    @PostMapping("/admin/accounts/{id}/test-connection")
    String testConnection(Staff me, @PathVariable long id, RedirectAttributes redirect) {
        try {
            ProfileCheck check = profiles.testConnection(me.username(), id);
            redirect.addFlashAttribute("flash", "flash.connectionTested." + check.outcome());
        } catch (GatewayException e) {
            lines.flash(redirect, e, null, java.util.Map.of());
        }
        return "redirect:/admin/accounts";
    }

    /**
     * Replaces the account's credentials (ADMIN). Write-only: the values are never shown, logged or sent back, and a
     * refusal does not echo them either.
     */
    @PostMapping("/admin/accounts/{id}/credentials")
    String credentials(Staff me, @PathVariable long id,
            @RequestParam java.util.Map<String, String> form, RedirectAttributes redirect) {
        try {
            OfficialAccount account = accounts.get(id);
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            for (String field : PlatformCredentials.FIELDS.get(account.platform())) {
                String value = form.get(field);
                values.put(field, value == null ? "" : value.strip());
            }
            accounts.replaceCredentials(me.username(), id, new PlatformCredentials(values));
            redirect.addFlashAttribute("flash", "flash.credentialsReplaced");
        } catch (GatewayException e) {
            lines.flash(redirect, e, null, java.util.Map.of());
        }
        return "redirect:/admin/accounts";
    }

    /** The confirmation step: what will be paused, and the reason, which is required. */
    @GetMapping("/admin/pause")
    String confirmPause(@RequestParam(required = false) Long accountId, Model model) {
        return confirm(model, "pause", accountId);
    }

    @GetMapping("/admin/resume")
    String confirmResume(@RequestParam(required = false) Long accountId, Model model) {
        return confirm(model, "resume", accountId);
    }

    private String confirm(Model model, String action, @Nullable Long accountId) {
        model.addAttribute("action", action);
        model.addAttribute("departmentList", staff.departments());
        model.addAttribute("categories", PostCategory.values());
        model.addAttribute("accountId", accountId);
        model.addAttribute("account", accountId == null ? null : accounts.get(accountId));
        return "admin-confirm";
    }

    @PostMapping("/admin/pause")
    String pause(Staff me, @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) String reason, @RequestParam(required = false) Long exceptDepartmentId,
            @RequestParam(required = false) PostCategory exceptCategory,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime endsAt, Model model, HttpServletResponse response) {
        try {
            PauseReport report = pauses.pause(me.username(), accountId, reason, exceptDepartmentId, exceptCategory,
                    endsAt == null ? null : endsAt.atZone(PagesController.CITY_TIME).toInstant());
            model.addAttribute("action", "pause");
            model.addAttribute("accountId", accountId);
            model.addAttribute("reportDeliveries", report.inFlight());
            model.addAttribute("reportHeldBack", report.heldBack());
            model.addAttribute("flash", "flash.paused");
            model.addAttribute("pauses", pauses.active());
            return "admin-report";
        } catch (GatewayException e) {
            lines.show(model, e, null, java.util.Map.of());
            response.setStatus(422);
            model.addAttribute("reason", reason);
            model.addAttribute("exceptDepartmentId", exceptDepartmentId);
            model.addAttribute("exceptCategory", exceptCategory);
            model.addAttribute("endsAt", endsAt);
            return confirm(model, "pause", accountId);
        }
    }

    @PostMapping("/admin/resume")
    String resume(Staff me, @RequestParam(required = false) Long accountId, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            ResumeReport report = pauses.resume(me.username(), accountId);
            model.addAttribute("action", "resume");
            model.addAttribute("accountId", accountId);
            model.addAttribute("reportDeliveries", report.held());
            model.addAttribute("flash", "flash.resumed");
            model.addAttribute("pauses", pauses.active());
            return "admin-report";
        } catch (GatewayException e) {
            lines.show(model, e, null, java.util.Map.of());
            response.setStatus(422);
            return confirm(model, "resume", accountId);
        }
    }
}
