package org.kohogateway.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.feed.FeedPoll;
import org.kohogateway.gateway.feed.PressReleaseFeed;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.PolicyViolationException;
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
 * The PR department's direct publish of a press release the city already published (guideline §6-① exception): the
 * source form, the direct-publish drafts waiting for it (the feed's among them) and the feed's recent problems.
 */
@Controller
class PressReleasePagesController {

    private static final int DRAFT_LIMIT = 50;
    /** Polls looked at for problems on the press-release page (every 15 minutes by default: the last few hours). */
    private static final int FEED_POLLS = 20;

    /** A direct-publish draft on the press-release page, with its author, targets and what the rules say now. */
    record Draft(Post post, Staff author, List<OfficialAccount> targets, List<FindingLines.Line> findings) {
    }

    private final PostWorkflow workflow;
    private final OfficialAccounts accounts;
    private final StaffDirectory staff;
    private final FindingLines lines;
    private final MessageSource messages;
    private final PressReleaseFeed feed;
    private final ComposePage composer;

    PressReleasePagesController(PostWorkflow workflow, OfficialAccounts accounts, StaffDirectory staff,
            FindingLines lines, MessageSource messages, PressReleaseFeed feed, ComposePage composer) {
        this.workflow = workflow;
        this.accounts = accounts;
        this.staff = staff;
        this.lines = lines;
        this.messages = messages;
        this.feed = feed;
        this.composer = composer;
    }

    @GetMapping("/press-release")
    String pressRelease(Staff me, @RequestParam(required = false) String sourceUrl, Model model,
            HttpServletResponse response) {
        workflow.requireDirectPublisher(me);
        ComposeForm form = new ComposeForm();
        form.setCategory(PostCategory.PRESS_RELEASE.name());
        if (sourceUrl == null || sourceUrl.isBlank()) {
            askSource(me, model);
            return composer.page(me, model, form, ComposePage.Mode.PRESS, null);
        }
        form.setSourceUrl(sourceUrl.strip());
        try {
            officialSource(sourceUrl.strip());
            form.setText(messages.getMessage("press.prefill", new Object[] {sourceUrl.strip()},
                    LocaleContextHolder.getLocale()));
        } catch (GatewayException e) {
            lines.show(model, e, null, composer.names());
            askSource(me, model);
            response.setStatus(422);
        }
        return composer.page(me, model, form, ComposePage.Mode.PRESS, null);
    }

    /**
     * The press-release landing: the source form, the direct-publish drafts waiting (newest first, whoever wrote them:
     * the feed writes them as one configured officer) with what the rules say, and the feed's recent problems.
     */
    private void askSource(Staff me, Model model) {
        model.addAttribute("askSource", true);
        Map<Long, String> names = composer.names();
        model.addAttribute("drafts", workflow.directPublishDrafts(me.username(), DRAFT_LIMIT).stream()
                .map(p -> new Draft(p, staff.byId(p.authorId()), p.accountIds().stream().map(accounts::get).toList(),
                        lines.of(workflow.findings(p), p.content().text(), names)))
                .toList());
        List<FeedPoll> polls = feed.polls(FEED_POLLS);
        model.addAttribute("lastPoll", polls.isEmpty() ? null : polls.getFirst());
        model.addAttribute("feedProblems", polls.stream().filter(p -> p.problem() != null).toList());
    }

    /** Publishes a direct-publish draft from the list; findings to acknowledge are shown on its edit page. */
    @PostMapping("/press-release/drafts/{id}/publish")
    String publishDraft(Staff me, @PathVariable UUID id, RedirectAttributes redirect) {
        workflow.requireDirectPublisher(me);
        Post draft = workflow.get(new PostId(id));
        try {
            redirect.addFlashAttribute("flash", publishedFlash(workflow.publishDirect(me.username(), draft.id())));
            return "redirect:/press-release";
        } catch (GatewayException e) {
            lines.flash(redirect, e, draft.content().text(), composer.names());
            return e instanceof PolicyViolationException && draft.mayEdit(me)
                    ? "redirect:/posts/" + id + "/edit" : "redirect:/press-release";
        }
    }

    @PostMapping("/press-release")
    String publish(Staff me, @ModelAttribute("form") ComposeForm form,
            @RequestParam(defaultValue = "publish") String action, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        workflow.requireDirectPublisher(me);
        try {
            if (form.getSourceUrl() == null || form.getSourceUrl().isBlank()) {
                throw new InvalidRequestException("page.sourceRequired", "a press-release repost cites its source");
            }
            officialSource(form.getSourceUrl().strip());
            composer.fetchPasted(me, form);
            NewPost request = form.toNewPost();
            if (!PostPagesController.SAVE.equals(action)) {
                // findings to acknowledge do not stop it here: they send the post to another PR officer
                Post.requireNothingBlocking(workflow.check(me.username(), request));
            }
            Post post = workflow.create(me.username(), request);
            if (PostPagesController.SAVE.equals(action)) {
                redirect.addFlashAttribute("flash", "flash.created");
                return "redirect:/posts";
            }
            try {
                redirect.addFlashAttribute("flash", publishedFlash(workflow.publishDirect(me.username(), post.id())));
            } catch (GatewayException e) {
                lines.flash(redirect, e, form.getText(), composer.names());
                return "redirect:/posts/" + post.id().value() + "/edit";
            }
            return "redirect:/posts";
        } catch (GatewayException e) {
            lines.show(model, e, form.getText(), composer.names());
            response.setStatus(422);
            return composer.page(me, model, form, ComposePage.Mode.PRESS, null);
        }
    }

    private void officialSource(String source) {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("post.badLink", "not a web link: " + source, source);
        }
        workflow.officialSource(uri);
    }

    /** A direct publish is published, or sent to another PR officer when a finding needs acknowledgement. */
    static String publishedFlash(Post post) {
        return post.status() == PostStatus.SUBMITTED ? "flash.sentToPrReview" : "flash.published";
    }
}
