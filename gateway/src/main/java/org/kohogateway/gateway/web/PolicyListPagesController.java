package org.kohogateway.gateway.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.kohogateway.gateway.policy.ListName;
import org.kohogateway.gateway.policy.PolicyLists;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin's page of the rules' lists (official domains, URL shorteners, blocked domains, prohibited terms with their
 * reasons, allowed public contacts): add an entry, remove one after a confirmation. {@link PolicyLists} checks,
 * normalises and audits each change; a strengthening applies to the next check at once, a weakening waits on the
 * changes page until a second person (an admin or a PR officer) confirms it.
 */
@Controller
class PolicyListPagesController {

    private final PolicyLists lists;
    private final FormErrors errors;

    PolicyListPagesController(PolicyLists lists, FormErrors errors) {
        this.lists = lists;
        this.errors = errors;
    }

    @GetMapping("/admin/policy")
    String page(Model model) {
        return listPage(model);
    }

    @PostMapping("/admin/policy/{list}")
    String add(Staff me, @PathVariable ListName list, @RequestParam(required = false) String value,
            @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            PolicyLists.Outcome added = lists.add(me.username(), list, value, reason);
            if (added.isPending()) {
                redirect.addFlashAttribute("flash", "flash.listChangeRequested");
                return "redirect:/admin/policy#changes";
            }
            redirect.addFlashAttribute("flash", "flash.listEntryAdded");
            redirect.addFlashAttribute("changedList", list);
            redirect.addFlashAttribute("changedValue", added.applied().value());
            return "redirect:/admin/policy#list-" + list;
        } catch (GatewayException e) {
            errors.show(model, response, "add-" + list, e);
            model.addAttribute("typedValue", value);
            model.addAttribute("typedReason", reason);
            return listPage(model);
        }
    }

    /** The confirmation step: which entry of which list goes. */
    @GetMapping("/admin/policy/{list}/remove")
    String confirmRemove(@PathVariable ListName list, @RequestParam String value, Model model) {
        model.addAttribute("list", list);
        model.addAttribute("value", value);
        return "admin-policy-remove";
    }

    @PostMapping("/admin/policy/{list}/remove")
    String remove(Staff me, @PathVariable ListName list, @RequestParam(required = false) String value,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            if (lists.remove(me.username(), list, value).isPending()) {
                redirect.addFlashAttribute("flash", "flash.listChangeRequested");
                return "redirect:/admin/policy#changes";
            }
            redirect.addFlashAttribute("flash", "flash.listEntryRemoved");
            return "redirect:/admin/policy#list-" + list;
        } catch (GatewayException e) {
            errors.show(model, response, "remove", e);
            model.addAttribute("list", list);
            model.addAttribute("value", value);
            return "admin-policy-remove";
        }
    }

    /** The requests to weaken a list, for the second person (an admin or a PR officer) to confirm or refuse. */
    @GetMapping("/admin/policy/changes")
    String changes(Model model) {
        model.addAttribute("changes", lists.pendingChanges());
        return "admin-policy-changes";
    }

    @PostMapping("/admin/policy/changes/{id}/{decision:confirm|refuse}")
    String decide(Staff me, @PathVariable long id, @PathVariable String decision, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            if (decision.equals("confirm")) {
                lists.confirm(me.username(), id);
                redirect.addFlashAttribute("flash", "flash.listChangeConfirmed");
            } else {
                lists.refuse(me.username(), id);
                redirect.addFlashAttribute("flash", "flash.listChangeRefused");
            }
            return "redirect:/admin/policy/changes";
        } catch (GatewayException e) {
            errors.show(model, response, "change-" + id, e);
            return changes(model);
        }
    }

    private String listPage(Model model) {
        model.addAttribute("changes", lists.pendingChanges());
        Map<ListName, List<PolicyLists.Entry>> entries = new EnumMap<>(ListName.class);
        for (ListName name : ListName.values()) {
            entries.put(name, lists.entries(name));
        }
        model.addAttribute("lists", entries);
        model.addAttribute("maxValue", PolicyLists.MAX_VALUE);
        model.addAttribute("maxReason", PolicyLists.MAX_REASON);
        return "admin-policy";
    }
}
