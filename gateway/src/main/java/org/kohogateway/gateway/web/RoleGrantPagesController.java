package org.kohogateway.gateway.web;


import org.kohogateway.gateway.staff.RoleGrants;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The page of role grants waiting for a second person (ADMIN, PR_OFFICER): confirm or refuse each. {@link RoleGrants}
 * decides who may (another admin or a PR officer of the PR department, never the requester or the person concerned).
 */
@Controller
class RoleGrantPagesController {

    private final RoleGrants grants;
    private final FormErrors errors;

    RoleGrantPagesController(RoleGrants grants, FormErrors errors) {
        this.grants = grants;
        this.errors = errors;
    }

    @GetMapping("/admin/grants")
    String page(Staff me, Model model) {
        model.addAttribute("grants", grants.pending(me.username()));
        return "admin-grants";
    }

    @PostMapping("/admin/grants/{id}/{decision:confirm|refuse}")
    String decide(Staff me, @PathVariable long id, @PathVariable String decision, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            if (decision.equals("confirm")) {
                grants.confirm(me.username(), id);
                redirect.addFlashAttribute("flash", "flash.grantConfirmed");
            } else {
                grants.refuse(me.username(), id);
                redirect.addFlashAttribute("flash", "flash.grantRefused");
            }
            return "redirect:/admin/grants";
        } catch (GatewayException e) {
            errors.show(model, response, "grant-" + id, e);
            return page(me, model);
        }
    }
}
