package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.optionalId;
import static org.kohogateway.gateway.web.FormValues.orEmpty;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.security.SignedInCredentials;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffAdministration.Member;
import org.kohogateway.gateway.staff.StaffAdministration;
import org.kohogateway.gateway.staff.StaffDirectory;
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

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin's page of departments and staff (ADMIN): create departments and users, change roles, disable or enable,
 * reset passwords. {@link StaffAdministration} checks and audits each change; a refusal is shown on the form that was
 * sent, with what was typed (never a password), and a 4xx status.
 */
@Controller
class StaffPagesController {

    private final StaffAdministration administration;
    private final StaffDirectory directory;
    private final FormErrors errors;
    private final SignedInCredentials signedIn;

    StaffPagesController(StaffAdministration administration, StaffDirectory directory, FormErrors errors,
            SignedInCredentials signedIn) {
        this.administration = administration;
        this.directory = directory;
        this.errors = errors;
        this.signedIn = signedIn;
    }

    @GetMapping("/admin/staff")
    String list(Staff me, @RequestParam(required = false) Long department,
            @RequestParam(required = false) String q, Model model) {
        return listPage(me, department, q, model);
    }

    @PostMapping("/admin/staff/departments")
    String createDepartment(Staff me, @RequestParam(required = false) String code,
            @RequestParam(required = false) String name, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            Department created = administration.createDepartment(me.username(), code, name);
            redirect.addFlashAttribute("flash", "flash.departmentCreated");
            return "redirect:/admin/staff?department=" + created.id();
        } catch (GatewayException e) {
            errors.show(model, response, "department", e);
            model.addAttribute("departmentForm", Map.of("code", orEmpty(code), "name", orEmpty(name)));
            return listPage(me, null, null, model);
        }
    }

    @PostMapping("/admin/staff")
    String createStaff(Staff me, @RequestParam(required = false) String username,
            @RequestParam(required = false) String displayName, @RequestParam(required = false) String departmentId,
            @RequestParam(required = false) List<String> roles, @RequestParam(required = false) String password,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Staff created = administration.createStaff(me.username(), username, displayName,
                    optionalId(departmentId, "staff.unknownDepartment", "department"), roles(roles), password);
            redirect.addFlashAttribute("flash", "flash.staffCreated");
            return "redirect:/admin/staff/" + created.id();
        } catch (GatewayException e) {
            errors.show(model, response, "staff", e);
            model.addAttribute("staffForm", Map.of("username", orEmpty(username), "displayName", orEmpty(displayName),
                    "departmentId", orEmpty(departmentId)));
            model.addAttribute("staffFormRoles", roles == null ? Set.of() : Set.copyOf(roles));
            return listPage(me, null, null, model);
        }
    }

    @GetMapping("/admin/staff/{id}")
    String member(Staff me, @PathVariable long id, Model model) {
        return memberPage(me, id, model);
    }

    @PostMapping("/admin/staff/{id}/roles")
    String changeRoles(Staff me, @PathVariable long id, @RequestParam(required = false) List<String> roles,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        String result = change(me, id, "roles", "flash.rolesChanged", model, redirect, response,
                () -> administration.changeRoles(me.username(), id, roles(roles)));
        if (result.startsWith("redirect:") && !administration.member(me.username(), id).pendingRoles().isEmpty()) {
            // the grant of a deciding or administering role waits for a second person: say so, not "saved"
            redirect.addFlashAttribute("flash", "flash.rolesGrantRequested");
        }
        return result;
    }

    @PostMapping("/admin/staff/{id}/enabled")
    String setEnabled(Staff me, @PathVariable long id, @RequestParam(required = false) String enabled,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        boolean enable = "true".equals(enabled);
        return change(me, id, "enabled", enable ? "flash.staffEnabled" : "flash.staffDisabled", model,
                redirect, response, () -> {
                    if (!enable && !"false".equals(enabled)) {
                        throw new InvalidRequestException("page.badRequest", "enabled is true or false");
                    }
                    administration.setEnabled(me.username(), id, enable);
                });
    }

    @PostMapping("/admin/staff/{id}/password")
    String resetPassword(Staff me, @PathVariable long id, @RequestParam(required = false) String password,
            Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        return change(me, id, "password", "flash.passwordReset", model, redirect, response, () -> {
            administration.resetPassword(me.username(), id, password);
            // a reset ends the person's sessions; an admin who reset their own password goes on in this one
            signedIn.renew(request, me.username());
        });
    }

    private String change(Staff me, long id, String form, String success, Model model,
            RedirectAttributes redirect, HttpServletResponse response, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", success);
            return "redirect:/admin/staff/" + id;
        } catch (NotFoundException e) {
            throw e;
        } catch (GatewayException e) {
            errors.show(model, response, form, e);
            return memberPage(me, id, model);
        }
    }

    private String listPage(Staff me, Long department, String q, Model model) {
        List<Member> members = administration.members(me.username(), department, q);
        List<Department> departments = administration.departments(me.username());
        model.addAttribute("members", members.stream().limit(StaffAdministration.LIST_LIMIT).toList());
        model.addAttribute("more", members.size() > StaffAdministration.LIST_LIMIT);
        model.addAttribute("listLimit", StaffAdministration.LIST_LIMIT);
        model.addAttribute("departments", departments);
        model.addAttribute("departmentNames", departmentNames(departments));
        model.addAttribute("filterDepartment", department);
        model.addAttribute("q", q);
        model.addAttribute("roles", Role.values());
        model.addAttribute("minPassword", StaffAdministration.MIN_PASSWORD_LENGTH);
        return "admin-staff";
    }

    private String memberPage(Staff me, long id, Model model) {
        Member member = administration.member(me.username(), id);
        model.addAttribute("member", member);
        model.addAttribute("memberDepartment", directory.department(member.staff().departmentId()));
        model.addAttribute("self", member.staff().username().equals(me.username()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("minPassword", StaffAdministration.MIN_PASSWORD_LENGTH);
        return "admin-staff-member";
    }

    private static Set<Role> roles(@Nullable List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("staff.unknownRole", "no role " + name, name);
            }
        }
        return roles;
    }

    private static Map<Long, String> departmentNames(List<Department> departments) {
        return departments.stream().collect(Collectors.toMap(Department::id, Department::name, (a, b) -> a));
    }
}
