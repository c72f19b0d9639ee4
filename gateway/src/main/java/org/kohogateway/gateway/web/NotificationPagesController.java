package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.optionalId;
import static org.kohogateway.gateway.web.FormValues.orEmpty;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.notification.NotificationKind;
import org.kohogateway.gateway.notification.NotificationSettings;
import org.kohogateway.gateway.notification.Webhook;
import org.kohogateway.gateway.notification.Webhooks;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffAdministration.Member;
import org.kohogateway.gateway.staff.StaffAdministration;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Notifications: each person switches each kind of e-mail on or off for themselves; an admin registers and removes
 * webhooks (the signing secret is write-only: never prefilled, echoed or shown) and sets the staff's e-mail addresses.
 * {@link NotificationSettings} and {@link Webhooks} check and audit every change.
 */
@Controller
class NotificationPagesController {

    private final NotificationSettings settings;
    private final Webhooks webhooks;
    private final StaffAdministration administration;
    private final FormErrors errors;

    NotificationPagesController(NotificationSettings settings, Webhooks webhooks, StaffAdministration administration,
            FormErrors errors) {
        this.settings = settings;
        this.webhooks = webhooks;
        this.administration = administration;
        this.errors = errors;
    }

    @GetMapping("/notifications")
    String mine(Staff me, Model model) {
        return minePage(me, model);
    }

    /** The form shows every kind, so a kind left unticked is switched off. */
    @PostMapping("/notifications")
    String change(Staff me, @RequestParam(name = "on", required = false) List<String> on, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Set<NotificationKind> chosen = kinds(on);
            Map<NotificationKind, Boolean> byEmail = new EnumMap<>(NotificationKind.class);
            for (NotificationKind kind : NotificationKind.values()) {
                byEmail.put(kind, chosen.contains(kind));
            }
            settings.change(me.username(), byEmail);
            redirect.addFlashAttribute("flash", "flash.notificationsSaved");
            return "redirect:/notifications";
        } catch (GatewayException e) {
            errors.show(model, response, "preferences", e);
            return minePage(me, model);
        }
    }

    @GetMapping("/admin/notifications")
    String admin(Staff me, @RequestParam(required = false) Long department,
            @RequestParam(required = false) String q, Model model) {
        return adminPage(me, department, q, model);
    }

    @PostMapping("/admin/notifications/webhooks")
    String register(Staff me, @RequestParam(required = false) String name,
            @RequestParam(required = false) String url, @RequestParam(required = false) String secret,
            @RequestParam(required = false) List<String> kinds, @RequestParam(required = false) String departmentId,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Long department = optionalId(departmentId, "notification.unknownDepartment", "department");
            webhooks.register(me.username(), new Webhooks.Registration(name, url,
                    secret == null || secret.isEmpty() ? null : secret, kinds(kinds), department, true));
            redirect.addFlashAttribute("flash", "flash.webhookRegistered");
            return "redirect:/admin/notifications";
        } catch (GatewayException e) {
            errors.show(model, response, "webhook", e);
            // what was typed comes back, the secret never does
            model.addAttribute("webhookForm", Map.of("name", orEmpty(name), "url", orEmpty(url),
                    "departmentId", orEmpty(departmentId)));
            model.addAttribute("webhookFormKinds", kinds == null ? Set.of() : Set.copyOf(kinds));
            return adminPage(me, null, null, model);
        }
    }

    @GetMapping("/admin/notifications/webhooks/{id}/remove")
    String confirmRemove(Staff me, @PathVariable long id, Model model) {
        model.addAttribute("webhook", webhooks.get(me.username(), id));
        return "admin-webhook-remove";
    }

    @PostMapping("/admin/notifications/webhooks/{id}/remove")
    String remove(Staff me, @PathVariable long id, RedirectAttributes redirect) {
        webhooks.remove(me.username(), id);
        redirect.addFlashAttribute("flash", "flash.webhookRemoved");
        return "redirect:/admin/notifications";
    }

    @PostMapping("/admin/notifications/addresses")
    String address(Staff me, @RequestParam(required = false) String username,
            @RequestParam(required = false) String email, @RequestParam(required = false) Long department,
            @RequestParam(required = false) String q, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            settings.changeAddress(me.username(), username == null ? "" : username, email);
            redirect.addFlashAttribute("flash", email == null || email.isBlank() ? "flash.addressCleared"
                    : "flash.addressSet");
            if (department != null) {
                redirect.addAttribute("department", department);
            }
            if (q != null && !q.isBlank()) {
                redirect.addAttribute("q", q);
            }
            return "redirect:/admin/notifications#addresses";
        } catch (NotFoundException e) {
            throw e;
        } catch (GatewayException e) {
            errors.show(model, response, "address-" + username, e);
            model.addAttribute("typedEmail", email);
            return adminPage(me, department, q, model);
        }
    }

    private String minePage(Staff me, Model model) {
        model.addAttribute("settings", settings.of(me.username()));
        model.addAttribute("kinds", NotificationKind.values());
        return "notifications";
    }

    private String adminPage(Staff me, Long department, String q, Model model) {
        List<Webhook> registered = webhooks.list(me.username());
        List<Department> departments = administration.departments(me.username());
        List<Member> members = administration.members(me.username(), department, q);
        model.addAttribute("webhooks", registered);
        model.addAttribute("kinds", NotificationKind.values());
        model.addAttribute("departments", departments);
        model.addAttribute("departmentNames", departments.stream()
                .collect(Collectors.toMap(Department::id, Department::name, (a, b) -> a)));
        model.addAttribute("members", members.stream().limit(StaffAdministration.LIST_LIMIT).toList());
        model.addAttribute("more", members.size() > StaffAdministration.LIST_LIMIT);
        model.addAttribute("listLimit", StaffAdministration.LIST_LIMIT);
        model.addAttribute("filterDepartment", department);
        model.addAttribute("q", q);
        return "admin-notifications";
    }

    private static Set<NotificationKind> kinds(@Nullable List<String> names) {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                kinds.add(NotificationKind.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("notification.unknownKind", "no notification kind " + name, name);
            }
        }
        return kinds;
    }
}
