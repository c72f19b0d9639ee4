package org.kohogateway.gateway.web;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.records.DisposalList;
import org.kohogateway.gateway.records.DisposalLists;
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
 * Disposal at the end of retention (廃棄): the disposal lists, who drew each up and when, its records and what became
 * of them; drawing up the list of the records due today; approving or refusing a list with a comment.
 * {@link DisposalLists} decides who may (auditors and admins; a second person decides, never the one who drew it up):
 * its refusal of the drawer is shown on the list's form, where the drawer tried.
 */
@Controller
class DisposalPagesController {

    /** The lists the page shows, newest first: older ones stay in the API and the audit trail. */
    private static final int PAGE_LIMIT = 50;

    private final DisposalLists disposals;
    private final FormErrors errors;

    DisposalPagesController(DisposalLists disposals, FormErrors errors) {
        this.disposals = disposals;
        this.errors = errors;
    }

    @GetMapping("/records/disposal")
    String page(Staff me, Model model) {
        model.addAttribute("lists", disposals.recent(me, PAGE_LIMIT));
        model.addAttribute("maxComment", DisposalLists.MAX_COMMENT);
        return "records-disposal";
    }

    @PostMapping("/records/disposal")
    String draw(Staff me, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            DisposalList list = disposals.draw(me);
            redirect.addFlashAttribute("flash", "flash.disposalListDrawn");
            return "redirect:/records/disposal#list-" + list.id();
        } catch (GatewayException e) {
            errors.show(model, response, "draw", e);
            return page(me, model);
        }
    }

    @PostMapping("/records/disposal/{id}/approve")
    String approve(Staff me, @PathVariable long id, @RequestParam(required = false) @Nullable String comment,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return decide(me, id, true, comment, model, redirect, response);
    }

    @PostMapping("/records/disposal/{id}/refuse")
    String refuse(Staff me, @PathVariable long id, @RequestParam(required = false) @Nullable String comment,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return decide(me, id, false, comment, model, redirect, response);
    }

    private String decide(Staff me, long id, boolean approve, @Nullable String comment, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            if (approve) {
                disposals.approve(me, id, comment);
                redirect.addFlashAttribute("flash", "flash.disposalListApproved");
            } else {
                disposals.refuse(me, id, comment);
                redirect.addFlashAttribute("flash", "flash.disposalListRefused");
            }
            return "redirect:/records/disposal#list-" + id;
        } catch (GatewayException e) {
            errors.show(model, response, "list-" + id, e);
            model.addAttribute("comment", comment);
            model.addAttribute("commentFor", id);
            return page(me, model);
        }
    }
}
