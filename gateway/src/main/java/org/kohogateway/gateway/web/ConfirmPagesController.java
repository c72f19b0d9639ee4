package org.kohogateway.gateway.web;

import java.util.List;
import java.util.UUID;

import org.kohogateway.connectors.PlatformText;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
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

    /** One account the post goes to, and the text exactly as that platform receives it. */
    record Target(OfficialAccount account, String text) {
    }

    private final PostWorkflow workflow;
    private final OfficialAccounts accounts;

    ConfirmPagesController(PostWorkflow workflow, OfficialAccounts accounts) {
        this.workflow = workflow;
        this.accounts = accounts;
    }

    @GetMapping("/posts/{id}/confirm")
    String confirm(Staff me, @PathVariable UUID id, Model model) {
        Post post = workflow.get(new PostId(id), Readers.of(me));
        List<Target> targets = post.accountIds().stream().map(accounts::get)
                .map(a -> new Target(a, PlatformText.sent(a.platform(), post.content().text(), post.content().links(),
                        !post.content().mediaUrls().isEmpty())))
                .toList();
        model.addAttribute("post", post);
        model.addAttribute("targets", targets);
        model.addAttribute("filler", post.authorId() == me.id());
        return "post-confirm";
    }
}
