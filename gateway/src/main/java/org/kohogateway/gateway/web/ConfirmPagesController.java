package org.kohogateway.gateway.web;

import java.util.UUID;

import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The confirmation of a post (issue 22, the Yatomi case: an officer posted to the official disaster account believing
 * it personal): per account, its name and platform and the exact text the platform receives, in large type, phone
 * first; the confirm button sends the approval bound to the content hash shown.
 */
@Controller
class ConfirmPagesController {

    private final PostWorkflow workflow;
    private final SentTexts sent;

    ConfirmPagesController(PostWorkflow workflow, SentTexts sent) {
        this.workflow = workflow;
        this.sent = sent;
    }

    @GetMapping("/posts/{id}/confirm")
    String confirm(Staff me, @PathVariable UUID id, Model model) {
        Post post = workflow.get(new PostId(id), Readers.of(me));
        model.addAttribute("post", post);
        model.addAttribute("targets", sent.of(post.accountIds(), post.content().text(), post.content().links(),
                !post.content().mediaUrls().isEmpty()));
        model.addAttribute("filler", post.authorId() == me.id());
        return "post-confirm";
    }
}
