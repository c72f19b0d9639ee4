package org.kohogateway.gateway.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PostTemplate;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.template.TemplateView;
import org.kohogateway.gateway.template.WarningAnswer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/templates")
@Tag(name = "templates", description = "Post templates approved in peacetime, filled in an emergency (the fast lane)")
class TemplateController {

    private final PostTemplates templates;
    private final PostViews views;

    TemplateController(PostTemplates templates, PostViews views) {
        this.templates = templates;
        this.views = views;
    }

    record TemplateRequest(@NotBlank @Size(max = PostTemplate.MAX_NAME) String name,
            @NotBlank @Size(max = PostTemplate.MAX_TEXT) String text,
            @Size(max = PostTemplate.MAX_PLACEHOLDERS) List<@NotNull Placeholder> placeholders,
            @NotNull @Size(min = 1, max = 50) List<@NotNull Long> accountIds, PostCategory category,
            @Size(max = 50) List<@NotBlank @Size(max = 2) String> warningKinds,
            @Schema(description = "A drill template (訓練): every post filled from it is a drill. Fixed when written: "
                    + "an edit leaves it out or repeats it (409 template.drillFixed otherwise)") Boolean drill,
            @Schema(description = "Which change of a warning of its kinds drafts a post: ISSUED (the default; also a "
                    + "change to a graver level), LIFTED (解除) or BOTH") WarningAnswer warningAnswer) {

        TemplateDraft draft() {
            return new TemplateDraft(name, text, placeholders == null ? List.of() : placeholders, accountIds, category,
                    warningKinds, drill, warningAnswer);
        }
    }

    record FillRequest(@NotNull @Size(max = PostTemplate.MAX_PLACEHOLDERS)
            Map<@NotBlank @Size(max = 20) String, @Size(max = Placeholder.MAX_TEXT) String> values,
            @Schema(description = "Fill for a drill: the post goes only to the staff's test recipients (a drill "
                    + "template's posts always do)") Boolean drill) {
    }

    @GetMapping
    @Operation(summary = "Your department's templates (all for PR, auditors and admins): each newest version and the "
            + "version in use")
    List<TemplateView> list(Staff me) {
        return templates.list(me);
    }

    @PostMapping
    @Operation(summary = "Write a template: text with {{placeholders}}, each typed (TIME, AREA with its areas, TEXT "
            + "with a length limit), for accounts of your department; the text with sample values must pass the rules")
    ResponseEntity<TemplateView> create(Staff me, @Valid @RequestBody TemplateRequest request) {
        TemplateView view = templates.create(me, request.draft());
        return ResponseEntity.created(URI.create("/api/templates/" + view.id())).body(view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One template of your department (else 404)")
    TemplateView get(Staff me, @PathVariable long id) {
        return templates.get(me, id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit a template; once approved, an edit is a new version that needs approval again, and "
            + "the approved one stays in use until then")
    TemplateView edit(Staff me, @PathVariable long id, @Valid @RequestBody TemplateRequest request) {
        return templates.edit(me, id, request.draft());
    }

    @PostMapping("/{id}/submit")
    @Operation(summary = "Submit the newest version for the department head's approval")
    TemplateView submit(Staff me, @PathVariable long id) {
        return templates.submit(me, id);
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve the submitted version (an APPROVER of the department, never its author)")
    TemplateView approve(Staff me, @PathVariable long id,
            @Valid @RequestBody(required = false) DecisionRequest request) {
        return templates.approve(me, id, request == null ? null : request.comment());
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject the submitted version with a comment")
    TemplateView reject(Staff me, @PathVariable long id,
            @Valid @RequestBody(required = false) DecisionRequest request) {
        return templates.reject(me, id, request == null ? null : request.comment());
    }

    @PostMapping("/{id}/fill")
    @Operation(summary = "Fill the version in use: a post on the fast lane (TEMPLATE_CONFIRM), submitted; a colleague "
            + "of the department or a PR officer confirms it with POST /api/posts/{id}/approve and it goes out at once")
    ResponseEntity<PostView> fill(Staff me, @PathVariable long id, @Valid @RequestBody FillRequest request) {
        Post post = templates.fill(me, id, request.values(), Boolean.TRUE.equals(request.drill()));
        return ResponseEntity.created(URI.create("/api/posts/" + post.id())).body(views.of(post));
    }
}
