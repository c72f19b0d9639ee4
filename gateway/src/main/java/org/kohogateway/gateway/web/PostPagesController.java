package org.kohogateway.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.feed.FeedPoll;
import org.kohogateway.gateway.feed.PressReleaseFeed;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.PlatformLimits;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostFilter;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
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
 * The poster's pages: compose with the rules' findings as one types (also a correction of a sent post, §7-①), my
 * posts with their deliveries, edit and withdraw before approval; and the PR department's direct publish of a press
 * release (§6-① exception) with the drafts waiting for it.
 */
@Controller
class PostPagesController {

    static final String SAVE = "save";
    static final String SUBMIT = "submit";
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

    PostPagesController(PostWorkflow workflow, OfficialAccounts accounts, StaffDirectory staff,
            FindingLines lines, MessageSource messages, PressReleaseFeed feed) {
        this.workflow = workflow;
        this.feed = feed;
        this.accounts = accounts;
        this.staff = staff;
        this.lines = lines;
        this.messages = messages;
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
            return composePage(me, model, new ComposeForm(), Mode.NEW, null);
        }
        if (!me.hasAny(Role.POSTER, Role.PR_OFFICER)) {
            throw new NotPermittedException("post.notPoster", "writing posts needs the POSTER or PR_OFFICER role");
        }
        Post original = workflow.get(new PostId(correctionOf));
        if (!original.mayCorrect(me)) {
            throw new NotPermittedException("post.correctionNotYours", "another department's post");
        }
        if (!original.wentOut()) {
            lines.show(model, new InvalidRequestException("post.correctionNotSent", "not sent", original.id()), null,
                    Map.of());
            response.setStatus(422);
            return composePage(me, model, new ComposeForm(), Mode.NEW, null);
        }
        Set<Long> mine = choosable(me).stream().map(OfficialAccount::id).collect(Collectors.toSet());
        ComposeForm form = ComposeForm.correcting(original, messages.getMessage("correction.prefill",
                new Object[] {original.content().text()}, LocaleContextHolder.getLocale()),
                original.accountIds().stream().filter(mine::contains).toList());
        return composePage(me, model, form, Mode.NEW, null);
    }

    @PostMapping("/posts")
    String create(Staff me, @ModelAttribute("form") ComposeForm form,
            @RequestParam(defaultValue = SAVE) String action, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            NewPost request = form.toNewPost();
            if (request.sourceUrl() != null) {
                throw new InvalidRequestException("page.sourceOnlyInPressRelease", "use the press-release page");
            }
            if (SUBMIT.equals(action)) {
                requireNothingBlocking(workflow.check(me.username(), request));
            }
            Post post = workflow.create(me.username(), request);
            if (SUBMIT.equals(action)) {
                try {
                    workflow.submit(me.username(), post.id());
                } catch (GatewayException e) {
                    lines.flash(redirect, e, form.getText(), names());
                    return "redirect:/posts/" + post.id().value() + "/edit";
                }
                redirect.addFlashAttribute("flash", "flash.submitted");
            } else {
                redirect.addFlashAttribute("flash", "flash.created");
            }
            return "redirect:/posts";
        } catch (GatewayException e) {
            lines.show(model, e, form.getText(), names());
            response.setStatus(422);
            return composePage(me, model, form, Mode.NEW, null);
        }
    }

    /** The as-you-type check: the findings fragment for the form as it stands, never an error status. */
    @PostMapping("/compose/check")
    String check(Staff me, @ModelAttribute("form") ComposeForm form, Model model) {
        checkInto(me.username(), form, model);
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
        return composePage(me, model, ComposeForm.of(post), post.route() == ApprovalRoute.PR_DIRECT
                ? Mode.EDIT_PRESS : Mode.EDIT, post);
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
            workflow.edit(me.username(), post.id(), form.toEdit());
            Post edited = workflow.get(post.id());
            if (SUBMIT.equals(action) && edited.status() == PostStatus.DRAFT) {
                workflow.submit(me.username(), post.id());
                redirect.addFlashAttribute("flash", "flash.submitted");
            } else if ("publish".equals(action)) {
                redirect.addFlashAttribute("flash", publishedFlash(workflow.publishDirect(me.username(), post.id())));
            } else {
                redirect.addFlashAttribute("flash", "flash.saved");
            }
            return done;
        } catch (GatewayException e) {
            lines.show(model, e, form.getText(), names());
            response.setStatus(422);
            return composePage(me, model, form, post.route() == ApprovalRoute.PR_DIRECT
                    ? Mode.EDIT_PRESS : Mode.EDIT, workflow.get(post.id()));
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
            lines.flash(redirect, e, postText(id), names());
        }
        return "redirect:/posts";
    }

    private String postText(UUID id) {
        try {
            return workflow.get(new PostId(id)).content().text();
        } catch (GatewayException e) {
            return null;
        }
    }

    // ---- PR direct publish (§6-① exception) --------------------------------------------------------------------

    @GetMapping("/press-release")
    String pressRelease(Staff me, @RequestParam(required = false) String sourceUrl, Model model,
            HttpServletResponse response) {
        requirePr(me);
        ComposeForm form = new ComposeForm();
        form.setCategory(PostCategory.PRESS_RELEASE.name());
        if (sourceUrl == null || sourceUrl.isBlank()) {
            askSource(me, model);
            return composePage(me, model, form, Mode.PRESS, null);
        }
        form.setSourceUrl(sourceUrl.strip());
        try {
            officialSource(sourceUrl.strip());
            form.setText(messages.getMessage("press.prefill", new Object[] {sourceUrl.strip()},
                    LocaleContextHolder.getLocale()));
        } catch (GatewayException e) {
            lines.show(model, e, null, names());
            askSource(me, model);
            response.setStatus(422);
        }
        return composePage(me, model, form, Mode.PRESS, null);
    }

    /**
     * The press-release landing: the source form, the direct-publish drafts waiting (newest first, whoever wrote them:
     * the feed writes them as one configured officer) with what the rules say, and the feed's recent problems.
     */
    private void askSource(Staff me, Model model) {
        model.addAttribute("askSource", true);
        Map<Long, String> names = names();
        model.addAttribute("drafts", workflow.directPublishDrafts(me.username(), DRAFT_LIMIT).stream()
                .map(p -> new Draft(p, staff.byId(p.authorId()), p.accountIds().stream().map(accounts::get).toList(),
                        lines.of(workflow.findings(p), p.content().text(), names)))
                .toList());
        List<FeedPoll> polls = feed.polls(FEED_POLLS);
        model.addAttribute("lastPoll", polls.isEmpty() ? null : polls.getFirst());
        model.addAttribute("feedProblems", polls.stream().filter(p -> p.problem() != null).toList());
    }

    /** A direct publish is published, or sent to another PR officer when a finding needs acknowledgement. */
    private static String publishedFlash(Post post) {
        return post.status() == PostStatus.SUBMITTED ? "flash.sentToPrReview" : "flash.published";
    }

    /** Publishes a direct-publish draft from the list; findings to acknowledge are shown on its edit page. */
    @PostMapping("/press-release/drafts/{id}/publish")
    String publishDraft(Staff me, @PathVariable UUID id, RedirectAttributes redirect) {
        requirePr(me);
        Post draft = workflow.get(new PostId(id));
        try {
            redirect.addFlashAttribute("flash", publishedFlash(workflow.publishDirect(me.username(), draft.id())));
            return "redirect:/press-release";
        } catch (GatewayException e) {
            lines.flash(redirect, e, draft.content().text(), names());
            return e instanceof PolicyViolationException && draft.mayEdit(me)
                    ? "redirect:/posts/" + id + "/edit" : "redirect:/press-release";
        }
    }

    @PostMapping("/press-release")
    String publish(Staff me, @ModelAttribute("form") ComposeForm form,
            @RequestParam(defaultValue = "publish") String action, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        requirePr(me);
        try {
            if (form.getSourceUrl() == null || form.getSourceUrl().isBlank()) {
                throw new InvalidRequestException("page.sourceRequired", "a press-release repost cites its source");
            }
            officialSource(form.getSourceUrl().strip());
            NewPost request = form.toNewPost();
            if (!SAVE.equals(action)) {
                // findings to acknowledge do not stop it here: they send the post to another PR officer
                requireNothingBlocking(workflow.check(me.username(), request));
            }
            Post post = workflow.create(me.username(), request);
            if (SAVE.equals(action)) {
                redirect.addFlashAttribute("flash", "flash.created");
                return "redirect:/posts";
            }
            try {
                redirect.addFlashAttribute("flash", publishedFlash(workflow.publishDirect(me.username(), post.id())));
            } catch (GatewayException e) {
                lines.flash(redirect, e, form.getText(), names());
                return "redirect:/posts/" + post.id().value() + "/edit";
            }
            return "redirect:/posts";
        } catch (GatewayException e) {
            lines.show(model, e, form.getText(), names());
            response.setStatus(422);
            return composePage(me, model, form, Mode.PRESS, null);
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

    private void requirePr(Staff me) {
        if (!me.has(Role.PR_OFFICER)) {
            throw new NotPermittedException("post.directOnlyPr", "only the PR department publishes directly");
        }
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    enum Mode {
        NEW, EDIT, PRESS, EDIT_PRESS;

        public boolean press() {
            return this == PRESS || this == EDIT_PRESS;
        }

        public boolean editing() {
            return this == EDIT || this == EDIT_PRESS;
        }
    }

    private String composePage(Staff me, Model model, ComposeForm form, Mode mode, Post post) {
        model.addAttribute("form", form);
        model.addAttribute("mode", mode);
        model.addAttribute("post", post);
        model.addAttribute("categories", PostCategory.values());
        model.addAttribute("choosable", post != null
                ? post.accountIds().stream().map(accounts::get).toList() : choosable(me));
        model.addAttribute("original", original(form, me));
        model.addAttribute("formAction", post != null ? "/posts/" + post.id().value() + "/edit"
                : mode.press() ? "/press-release" : "/posts");
        checkInto(me.username(), form, model);
        return "compose";
    }

    /** The accounts a new post of this person may go to: the active ones they operate. */
    private List<OfficialAccount> choosable(Staff me) {
        return accounts.all().stream().filter(OfficialAccount::active).filter(a -> a.operatedBy(me)).toList();
    }

    /** The post the form corrects, to link to, if it names one this person may see. */
    private Post original(ComposeForm form, Staff me) {
        try {
            PostId id = form.parsedCorrectionOf();
            return id == null ? null : workflow.readable(id, Readers.of(me)).orElse(null);
        } catch (GatewayException e) {
            return null;
        }
    }

    /** Runs the rules on the form as it stands; a form that is not complete yet gets a hint instead of findings. */
    private void checkInto(String username, ComposeForm form, Model model) {
        Set<Platform> platforms = new LinkedHashSet<>();
        Map<Long, String> names = names();
        try {
            for (Long id : new HashSet<>(form.parsedAccountIds())) {
                accounts.find(id).ifPresent(a -> platforms.add(a.platform()));
            }
        } catch (GatewayException e) {
            // counted for no platform in particular
        }
        model.addAttribute("counters", PlatformLimits.counts(form.getText(), form.linksSoFar(),
                form.getMediaUrl() != null && !form.getMediaUrl().isBlank(), platforms));
        if (form.getText() == null || form.getText().isBlank()) {
            model.addAttribute("findings", List.of());
            model.addAttribute("checkHint", "page.check.typeText");
            return;
        }
        try {
            NewPost request = new NewPost(form.getText(), form.parsedLinks(), form.parsedMedia(),
                    form.parsedCategory(), form.parsedAccountIds(), null, null, null, null, null, form.getProposal());
            model.addAttribute("findings", lines.of(workflow.check(username, request), form.getText(), names));
        } catch (GatewayException e) {
            model.addAttribute("findings", List.of());
            model.addAttribute("checkHint", e.code());
            model.addAttribute("checkArgs", e.arguments());
        }
    }

    private static void requireNothingBlocking(List<Finding> findings) {
        List<Finding> blocking = findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
        if (!blocking.isEmpty()) {
            throw new PolicyViolationException("rules.blocked", "blocking findings", blocking);
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

    private Map<Long, String> names() {
        Map<Long, String> names = new java.util.LinkedHashMap<>();
        accounts.all().forEach(a -> names.put(a.id(), a.name()));
        return names;
    }
}
