package org.kohogateway.gateway.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateView;
import org.kohogateway.gateway.template.WeatherDraft;
import org.kohogateway.gateway.template.WeatherDraftLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The fast lane on a phone (issue 22): an approved template's form, one field per placeholder of its type (a time, an
 * area from its list, text within its limit), the exact text each account's platform receives, and the post it
 * submits for a second person's confirmation; and the posts weather warnings drafted from templates.
 */
@Controller
class TemplateFillPagesController {

    /** The fill form's buttons. */
    static final String PREVIEW = "preview";
    static final String SUBMIT = "submit";
    /** A value's field is named {@code value.<placeholder>}: the names are the template's, in any script. */
    static final String VALUE = "value.";
    private static final String FORM = "fill";

    /** A post drafted by a weather warning, with the post when the reader may read it. */
    record DraftLine(WeatherDraft draft, @Nullable Post post) {
    }

    private final PostTemplates templates;
    private final WeatherDraftLog weatherDrafts;
    private final PostWorkflow workflow;
    private final SentTexts sent;
    private final FormErrors errors;

    TemplateFillPagesController(PostTemplates templates, WeatherDraftLog weatherDrafts, PostWorkflow workflow,
            SentTexts sent, FormErrors errors) {
        this.templates = templates;
        this.weatherDrafts = weatherDrafts;
        this.workflow = workflow;
        this.sent = sent;
        this.errors = errors;
    }

    @GetMapping("/templates/{id}/fill")
    String fill(Staff me, @PathVariable long id, Model model) {
        templates.requireOperator(me, id);
        return page(model, templates.inUse(me, id), Map.of(), null, false);
    }

    @PostMapping("/templates/{id}/fill")
    String fill(Staff me, @PathVariable long id, @RequestParam Map<String, String> fields,
            @RequestParam(defaultValue = PREVIEW) String action, @RequestParam(defaultValue = "false") boolean drill,
            Model model, HttpServletResponse response) {
        templates.requireOperator(me, id);
        TemplateView template = templates.inUse(me, id);
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith(VALUE)) {
                values.put(name.substring(VALUE.length()), value);
            }
        });
        try {
            if (SUBMIT.equals(action)) {
                Post post = templates.fill(me, id, values, drill);
                return "redirect:/posts/" + post.id().value() + "/confirm";
            }
            return page(model, template, values, templates.preview(me, id, values), drill);
        } catch (GatewayException e) {
            errors.show(model, response, FORM, e);
            return page(model, template, values, null, drill);
        }
    }

    @GetMapping("/weather-drafts")
    String weatherDrafts(Staff me, Model model) {
        Readers readers = Readers.of(me);
        List<DraftLine> drafts = weatherDrafts.list(me).stream().map(d -> new DraftLine(d,
                workflow.readable(new PostId(d.postId()), readers).orElse(null))).toList();
        model.addAttribute("drafts", drafts);
        return "weather-drafts";
    }

    /** The fill page, marked a drill when filled as one (訓練として記入する) or the template is one. */
    private String page(Model model, TemplateView template, Map<String, String> values, @Nullable String preview,
            boolean drill) {
        model.addAttribute("template", template);
        model.addAttribute("drill", drill || template.drill());
        model.addAttribute("values", values);
        model.addAttribute("previews", preview == null ? List.of()
                : sent.of(template.accountIds(), preview, List.of(), false));
        model.addAttribute("targets", sent.of(template.accountIds(), template.text(), List.of(), false));
        return "post-template-fill";
    }
}
