package org.kohogateway.gateway.web;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostFilter;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
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
 * The poster's pages: compose with the rules' findings as one types (also a correction of a sent post, §7-①), my
 * posts with their deliveries, edit and withdraw before approval. The PR department's direct publish is
 * {@link PressReleasePagesController}; the form both share is {@link ComposePage}.
 */
@Controller
class PostPagesController {

    static final String SAVE = "save";
    static final String SUBMIT = "submit";
    private final PostWorkflow workflow;
    private final FindingLines lines;
    private final MessageSource messages;
    private final ComposePage composer;

    PostPagesController(PostWorkflow workflow, FindingLines lines, MessageSource messages, ComposePage composer) {
        this.workflow = workflow;
        this.lines = lines;
        this.messages = messages;
        this.composer = composer;
    }

    // ---- compose -----------------------------------------------------------------------------------------------

    /**
     * @param correctionOf a sent post to correct (guideline §7-① 誤りは直ちに認め、訂正する): the form starts from its
     *                     text, links, category and accounts, as soon as approved, linked to it
     */
    @GetMapping("/compose")
    String compose(Staff me, @RequestParam(required = false) UUID correctionOf, Model model,
            HttpServletResponse response) {
        if (correctionOf == null) {
            return composer.page(me, model, new ComposeForm(), ComposePage.Mode.NEW, null);
        }
        workflow.requireWriter(me);
        Post original = workflow.get(new PostId(correctionOf));
        if (!original.mayCorrect(me)) {
            throw new NotPermittedException("post.correctionNotYours", "another department's post");
        }
        if (!original.wentOut()) {
            lines.show(model, new InvalidRequestException("post.correctionNotSent", "not sent", original.id()), null,
                    Map.of());
            response.setStatus(422);
            return composer.page(me, model, new ComposeForm(), ComposePage.Mode.NEW, null);
        }
        Set<Long> mine = composer.choosable(me).stream().map(OfficialAccount::id).collect(Collectors.toSet());
        ComposeForm form = ComposeForm.correcting(original, messages.getMessage("correction.prefill",
                new Object[] {original.content().text()}, LocaleContextHolder.getLocale()),
                original.accountIds().stream().filter(mine::contains).toList());
        return composer.page(me, model, form, ComposePage.Mode.NEW, null);
    }

    @PostMapping("/posts")
    String create(Staff me, @ModelAttribute("form") ComposeForm form,
            @RequestParam(defaultValue = SAVE) String action, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            composer.fetchPasted(me, form);
            NewPost request = form.toNewPost();
            if (request.sourceUrl() != null) {
                throw new InvalidRequestException("page.sourceOnlyInPressRelease", "use the press-release page");
            }
            if (SUBMIT.equals(action)) {
                Post.requireNothingBlocking(workflow.check(me.username(), request));
            }
            Post post = workflow.create(me.username(), request);
            if (SUBMIT.equals(action)) {
                try {
                    workflow.submit(me.username(), post.id());
                } catch (GatewayException e) {
                    lines.flash(redirect, e, form.getText(), composer.names());
                    return "redirect:/posts/" + post.id().value() + "/edit";
                }
                redirect.addFlashAttribute("flash", "flash.submitted");
            } else {
                redirect.addFlashAttribute("flash", "flash.created");
            }
            return "redirect:/posts";
        } catch (GatewayException e) {
            lines.show(model, e, form.getText(), composer.names());
            response.setStatus(422);
            return composer.page(me, model, form, ComposePage.Mode.NEW, null);
        }
    }

    /** The as-you-type check: the findings fragment for the form as it stands, never an error status. */
    @PostMapping("/compose/check")
    String check(Staff me, @ModelAttribute("form") ComposeForm form, Model model) {
        composer.checkInto(me.username(), form, model);
        return "fragments/findings :: findings";
    }

    // ---- my posts ----------------------------------------------------------------------------------------------

    @GetMapping("/posts")
    String myPosts(Staff me, Model model) {
        model.addAttribute("myPosts", workflow.list(new PostFilter(Readers.of(me), me.id(), null, 100)));
        return "posts";
    }

    @GetMapping("/posts/{id}/edit")
    String edit(Staff me, @PathVariable UUID id, Model model) {
        Post post = editable(me, id);
        return composer.page(me, model, ComposeForm.of(post), post.route() == ApprovalRoute.PR_DIRECT
                ? ComposePage.Mode.EDIT_PRESS : ComposePage.Mode.EDIT, post);
    }

    @PostMapping("/posts/{id}/edit")
    String saveEdit(Staff me, @PathVariable UUID id, @ModelAttribute("form") ComposeForm form,
            @RequestParam(defaultValue = SAVE) String action, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        Post post = editable(me, id);
        form.setAccountIds(post.accountIds().stream().map(String::valueOf).toList());
        // a direct-publish draft is the PR department's: back to its list, where colleagues' drafts are too
        String done = post.route() == ApprovalRoute.PR_DIRECT ? "redirect:/press-release" : "redirect:/posts";
        try {
            composer.fetchPasted(me, form);
            workflow.edit(me.username(), post.id(), form.toEdit());
            Post edited = workflow.get(post.id());
            if (SUBMIT.equals(action) && edited.status() == PostStatus.DRAFT) {
                workflow.submit(me.username(), post.id());
                redirect.addFlashAttribute("flash", "flash.submitted");
            } else if ("publish".equals(action)) {
                redirect.addFlashAttribute("flash", PressReleasePagesController.publishedFlash(workflow.publishDirect(me.username(), post.id())));
            } else {
                redirect.addFlashAttribute("flash", "flash.saved");
            }
            return done;
        } catch (GatewayException e) {
            lines.show(model, e, form.getText(), composer.names());
            response.setStatus(422);
            return composer.page(me, model, form, post.route() == ApprovalRoute.PR_DIRECT
                    ? ComposePage.Mode.EDIT_PRESS : ComposePage.Mode.EDIT, workflow.get(post.id()));
        }
    }

    @PostMapping("/posts/{id}/submit")
    String submit(Staff me, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, "flash.submitted", id, () -> workflow.submit(me.username(), new PostId(id)));
    }

    @PostMapping("/posts/{id}/withdraw")
    String withdraw(Staff me, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, "flash.withdrawn", id, () -> workflow.withdraw(me.username(), new PostId(id)));
    }

    private String act(RedirectAttributes redirect, String successCode, UUID id, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", successCode);
        } catch (GatewayException e) {
            lines.flash(redirect, e, postText(id), composer.names());
        }
        return "redirect:/posts";
    }

    private @Nullable String postText(UUID id) {
        try {
            return workflow.get(new PostId(id)).content().text();
        } catch (GatewayException e) {
            return null;
        }
    }

    /** The post, if this person may edit it: its author, or any PR officer for a direct-publish post. */
    private Post editable(Staff me, UUID id) {
        Post post = workflow.get(new PostId(id));
        if (!post.mayEdit(me)) {
            throw new NotPermittedException("post.notAuthor", "only the author edits", "edit");
        }
        return post;
    }

}
