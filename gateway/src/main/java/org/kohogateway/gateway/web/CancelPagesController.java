package org.kohogateway.gateway.web;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Cancelling an approved post before it goes out — one that should not go out after all, or a held one that nobody
 * wants sent late (docs/guideline.md, "Crisis: pause and resume": held posts need a new time or re-confirmation). A
 * confirmation page shows what is stopped and asks for the reason; the author, whoever may approve the post, and admins
 * may.
 */
@Controller
class CancelPagesController {

    private final PostWorkflow workflow;
    private final StaffDirectory staff;
    private final FindingLines lines;
    private final MessageSource messages;

    CancelPagesController(PostWorkflow workflow, StaffDirectory staff, FindingLines lines, MessageSource messages) {
        this.workflow = workflow;
        this.messages = messages;
        this.staff = staff;
        this.lines = lines;
    }

    /** The confirmation step; someone who may not cancel the post gets a 403 page, not its content. */
    @GetMapping("/posts/{id}/cancel")
    String confirm(Staff me, @PathVariable UUID id, @RequestParam(required = false) String back,
            Model model, HttpServletResponse response) {
        Post post = cancellable(me, id);
        if (!post.cancellableBy(me)) {
            model.addAttribute("errorCode", "cancel.notCancellable");
            model.addAttribute("errorArgs", new Object[] {messages.getMessage("postStatus." + post.status(), null,
                    LocaleContextHolder.getLocale())});
            response.setStatus(409);
        }
        return page(model, post, back, "");
    }

    @PostMapping("/posts/{id}/cancel")
    String cancel(Staff me, @PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        Post post = cancellable(me, id);
        try {
            workflow.cancel(me.username(), post.id(), reason);
        } catch (InvalidRequestException | IllegalTransitionException | ConflictException e) {
            // a missing reason, or the post moved on meanwhile: say so on the form; a 403 or 404 is the error page's
            lines.show(model, e, post.content().text(), Map.of());
            response.setStatus(e instanceof InvalidRequestException ? 422 : 409);
            return page(model, workflow.get(post.id()), back, reason);
        }
        redirect.addFlashAttribute("flash", "flash.cancelled");
        return "redirect:" + DeliveryPagesController.back(back);
    }

    /** The post, if this person may cancel it at all (in whichever state it is now). */
    private Post cancellable(Staff me, UUID id) {
        Post post = workflow.get(new PostId(id));
        if (!post.mayCancel(me)) {
            throw new NotPermittedException("post.cancelNotPermitted",
                    "only the author, an approver of this post or an admin may cancel it");
        }
        return post;
    }

    private String page(Model model, Post post, String back, @Nullable String reason) {
        model.addAttribute("post", post);
        model.addAttribute("author", staff.byId(post.authorId()));
        model.addAttribute("back", DeliveryPagesController.back(back));
        model.addAttribute("reason", reason == null ? "" : reason);
        model.addAttribute("maxReason", Post.MAX_REASON);
        return "post-cancel";
    }
}
