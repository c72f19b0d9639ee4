package org.kohogateway.gateway.web;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.policy.PlatformLimits;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The compose form as the post pages and the press-release pages show it: the accounts a person may choose, the post
 * it corrects, the per-platform counters and what the rules say as one types.
 */
@Component
class ComposePage {

    private final PostWorkflow workflow;
    private final OfficialAccounts accounts;
    private final FindingLines lines;
    private final MediaLibrary library;

    ComposePage(PostWorkflow workflow, OfficialAccounts accounts, FindingLines lines, MediaLibrary library) {
        this.workflow = workflow;
        this.library = library;
        this.accounts = accounts;
        this.lines = lines;
    }

    enum Mode {
        NEW, EDIT, PRESS, EDIT_PRESS;

        public boolean press() {
            return this == PRESS || this == EDIT_PRESS;
        }

        public boolean editing() {
            return this == EDIT || this == EDIT_PRESS;
        }
    }

    String page(Staff me, Model model, ComposeForm form, Mode mode, @Nullable Post post) {
        model.addAttribute("form", form);
        model.addAttribute("mode", mode);
        model.addAttribute("post", post);
        model.addAttribute("categories", PostCategory.values());
        model.addAttribute("maxMedia", PostWorkflow.MAX_MEDIA);
        model.addAttribute("videoIds", library.videosAmong(form.getChosenMedia().stream().map(m -> m.id()).toList()));
        model.addAttribute("choosable", post != null
                ? post.accountIds().stream().map(accounts::get).toList() : choosable(me));
        model.addAttribute("original", original(form, me));
        model.addAttribute("formAction", post != null ? "/posts/" + post.id().value() + "/edit"
                : mode.press() ? "/press-release" : "/posts");
        checkInto(me.username(), form, model);
        return "compose";
    }

    List<OfficialAccount> choosable(Staff me) {
        return accounts.choosableBy(me);
    }

    /** The post the form corrects, to link to, if it names one this person may see. */
    private @Nullable Post original(ComposeForm form, Staff me) {
        try {
            PostId id = form.parsedCorrectionOf();
            return id == null ? null : workflow.readable(id, Readers.of(me)).orElse(null);
        } catch (GatewayException e) {
            return null;
        }
    }

    /** Runs the rules on the form as it stands; a form that is not complete yet gets a hint instead of findings. */
    void checkInto(String username, ComposeForm form, Model model) {
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
                hasMedia(form), platforms));
        if (form.getText() == null || form.getText().isBlank()) {
            model.addAttribute("findings", List.of());
            model.addAttribute("checkHint", "page.check.typeText");
            return;
        }
        try {
            NewPost request = new NewPost(form.getText(), form.parsedLinks(), List.of(), form.parsedCategory(),
                    form.parsedAccountIds(), null, null, null, null, null, form.getProposal(),
                    form.parsedMediaChoices());
            model.addAttribute("findings", lines.of(workflow.check(username, request), form.getText(), names));
        } catch (GatewayException e) {
            model.addAttribute("findings", List.of());
            model.addAttribute("checkHint", e.code());
            model.addAttribute("checkArgs", e.arguments());
        }
    }

    private static boolean hasMedia(ComposeForm form) {
        try {
            return form.hasMedia();
        } catch (GatewayException e) {
            return true;
        }
    }

    /**
     * A pasted image address is fetched once, here, and from then on is an uploaded image like any other: no post
     * keeps a raw address whose bytes could change after approval.
     */
    void fetchPasted(Staff me, ComposeForm form) {
        URI pasted = form.pastedMedia();
        if (pasted != null) {
            form.addFetched(library.fetch(me.username(), pasted, "").id());
        }
    }

    Map<Long, String> names() {
        Map<Long, String> names = new LinkedHashMap<>();
        accounts.all().forEach(a -> names.put(a.id(), a.name()));
        return names;
    }
}
