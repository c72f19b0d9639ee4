package org.kohogateway.gateway.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.PolicyViolationException;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateView;
import org.kohogateway.gateway.template.WarningAnswer;
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
 * The department's post templates (issue 22): the list with each template's status, version and accounts; the form
 * that writes a template or its next version, read from the text's {@code {{名前}}} markers, each typed; submitting it
 * to the department head, and the head's decision. The rules are {@link PostTemplates}', as on the API.
 */
@Controller
class TemplatePagesController {

    /** The form's buttons: read the markers again, save the draft, save and submit for approval. */
    static final String READ = "read";
    static final String SAVE = "save";
    static final String SUBMIT = "submit";
    private static final String FORM = "template";

    private final PostTemplates templates;
    private final OfficialAccounts accounts;
    private final FindingLines lines;
    private final FormErrors errors;

    TemplatePagesController(PostTemplates templates, OfficialAccounts accounts, FindingLines lines,
            FormErrors errors) {
        this.templates = templates;
        this.accounts = accounts;
        this.lines = lines;
        this.errors = errors;
    }

    @GetMapping("/templates")
    String list(Staff me, Model model) {
        List<TemplateView> list = templates.list(me);
        model.addAttribute("templates", list);
        model.addAttribute("mayWrite", me.mayWritePosts());
        model.addAttribute("operable", templates.operable(me, list));
        model.addAttribute("mayDecide", me.mayDecidePosts());
        return "post-templates";
    }

    @GetMapping("/templates/new")
    String create(Staff me, Model model) {
        templates.requireWriter(me);
        return form(me, model, new TemplateForm(), null);
    }

    @PostMapping("/templates")
    String create(Staff me, @ModelAttribute("form") TemplateForm form, @RequestParam(defaultValue = SAVE) String action,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        templates.requireWriter(me);
        if (READ.equals(action)) {
            form.readPlaceholdersFromText();
            return form(me, model, form, null);
        }
        try {
            TemplateView created = templates.create(me, form.draft(true));
            return saved(me, created.id(), action, redirect);
        } catch (GatewayException e) {
            return refused(me, model, response, form, null, e);
        }
    }

    /** The form for the template's next version (or its version in the making), from its newest version. */
    @GetMapping("/templates/{id}/edit")
    String edit(Staff me, @PathVariable long id, Model model) {
        templates.requireOperator(me, id);
        TemplateView template = templates.get(me, id);
        return form(me, model, TemplateForm.of(template), template);
    }

    @PostMapping("/templates/{id}/edit")
    String edit(Staff me, @PathVariable long id, @ModelAttribute("form") TemplateForm form,
            @RequestParam(defaultValue = SAVE) String action, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        templates.requireOperator(me, id);
        TemplateView template = templates.get(me, id);
        if (READ.equals(action)) {
            form.readPlaceholdersFromText();
            return form(me, model, form, template);
        }
        try {
            templates.edit(me, id, form.draft(false));
            return saved(me, id, action, redirect);
        } catch (GatewayException e) {
            return refused(me, model, response, form, template, e);
        }
    }

    @PostMapping("/templates/{id}/submit")
    String submit(Staff me, @PathVariable long id, RedirectAttributes redirect) {
        return decide(redirect, "flash.submitted", id, () -> templates.submit(me, id));
    }

    @PostMapping("/templates/{id}/approve")
    String approve(Staff me, @PathVariable long id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.approved", id, () -> templates.approve(me, id, FormValues.blankToNull(comment)));
    }

    @PostMapping("/templates/{id}/reject")
    String reject(Staff me, @PathVariable long id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return decide(redirect, "flash.rejected", id, () -> templates.reject(me, id, FormValues.blankToNull(comment)));
    }

    private String saved(Staff me, long id, String action, RedirectAttributes redirect) {
        if (SUBMIT.equals(action)) {
            return decide(redirect, "flash.submitted", id, () -> templates.submit(me, id));
        }
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/templates#template-" + id;
    }

    private String decide(RedirectAttributes redirect, String done, long id, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", done);
        } catch (GatewayException e) {
            lines.flash(redirect, e, null, Map.of());
        }
        return "redirect:/templates#template-" + id;
    }

    private String refused(Staff me, Model model, HttpServletResponse response, TemplateForm form,
            @Nullable TemplateView template, GatewayException e) {
        errors.show(model, response, FORM, e);
        if (e instanceof PolicyViolationException violation) {
            // found in the text with sample values in its placeholders: no span of the text as typed to quote
            model.addAttribute("findings", lines.of(violation.findings(), "", Map.of()));
        }
        return form(me, model, form, template);
    }

    private String form(Staff me, Model model, TemplateForm form, @Nullable TemplateView template) {
        model.addAttribute("form", form);
        model.addAttribute("rows", form.rows());
        model.addAttribute("template", template);
        model.addAttribute("choosable", accounts.choosableBy(me));
        model.addAttribute("categories", List.of(PostCategory.values()));
        model.addAttribute("types", List.of(PlaceholderType.values()));
        model.addAttribute("answers", List.of(WarningAnswer.values()));
        return "post-template-form";
    }
}
