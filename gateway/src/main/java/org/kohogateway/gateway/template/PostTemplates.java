package org.kohogateway.gateway.template;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.policy.Candidate;
import org.kohogateway.gateway.policy.PolicyRules;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.ActingStaff;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of templates: write, edit (a new version once approved), submit, approve, reject, read and fill. Each
 * runs in one transaction with its audit entries. A template's department is its accounts' department, and only its
 * people write, read and fill it (all templates for those who read every account).
 */
@Service
public class PostTemplates {

    private final TemplateStore store;
    private final OfficialAccounts accounts;
    private final PolicyRules rules;
    private final PostWorkflow posts;
    private final Clock clock;

    PostTemplates(TemplateStore store, OfficialAccounts accounts, PolicyRules rules, PostWorkflow posts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.rules = rules;
        this.posts = posts;
        this.clock = clock;
    }

    @Transactional
    public TemplateView create(Staff me, TemplateDraft draft) {
        long departmentId = department(me, draft);
        Instant now = clock.instant();
        boolean drill = Boolean.TRUE.equals(draft.drill());
        PostTemplate template = PostTemplate.write(store.newTemplate(departmentId, drill, now), 1, departmentId, me,
                draft, drill, now);
        requireRulesPass(template);
        store.insert(template, me.username());
        return view(template.id());
    }

    /**
     * Edits the version in the making; once a version is approved, an edit writes the next version, and the approved
     * one stays in use until the new one is approved.
     */
    @Transactional
    public TemplateView edit(Staff me, long id, TemplateDraft draft) {
        List<PostTemplate> versions = readableForUpdate(me, id);
        if (department(me, draft) != versions.getFirst().departmentId()) {
            throw new InvalidRequestException("template.otherDepartment",
                    "a template's accounts stay with its department");
        }
        PostTemplate newest = versions.getFirst();
        newest.requireDrill(draft.drill());
        Instant now = clock.instant();
        if (newest.status() == TemplateStatus.APPROVED || newest.status() == TemplateStatus.RETIRED) {
            PostTemplate next = PostTemplate.write(id, newest.version() + 1, newest.departmentId(), me, draft,
                    newest.drill(), now);
            requireRulesPass(next);
            store.insert(next, me.username());
        } else {
            newest.revise(me, draft, now);
            requireRulesPass(newest);
            store.update(newest, me.username());
        }
        return view(id);
    }

    @Transactional
    public TemplateView submit(Staff me, long id) {
        PostTemplate newest = readableForUpdate(me, id).getFirst();
        newest.submit(me, clock.instant());
        requireRulesPass(newest);
        store.update(newest, me.username());
        return view(id);
    }

    /** The head's approval: the version becomes the one in use, and the one it replaces retires. */
    @Transactional
    public TemplateView approve(Staff me, long id, @Nullable String comment) {
        ActingStaff.requireDecisionScope(me.username());
        List<PostTemplate> versions = readableForUpdate(me, id);
        PostTemplate newest = versions.getFirst();
        Instant now = clock.instant();
        newest.approve(me, comment, now);
        // the rules may have changed since the template was submitted: the head approves what passes them now
        requireRulesPass(newest);
        for (PostTemplate older : versions.subList(1, versions.size())) {
            if (older.status() == TemplateStatus.APPROVED) {
                older.retire(now);
                store.update(older, me.username());
            }
        }
        store.update(newest, me.username());
        return view(id);
    }

    @Transactional
    public TemplateView reject(Staff me, long id, @Nullable String comment) {
        ActingStaff.requireDecisionScope(me.username());
        PostTemplate newest = readableForUpdate(me, id).getFirst();
        newest.reject(me, comment, clock.instant());
        store.update(newest, me.username());
        return view(id);
    }

    @Transactional(readOnly = true)
    public List<TemplateView> list(Staff me) {
        return store.newest(me.readsEveryAccount() ? null : me.departmentId()).stream()
                .map(t -> TemplateView.of(t, inUse(store.versions(t.id())).map(PostTemplate::version).orElse(null)))
                .toList();
    }

    @Transactional(readOnly = true)
    public TemplateView get(Staff me, long id) {
        readable(me, id);
        return view(id);
    }

    /** {@link #fill(Staff, long, Map, boolean)} for real: a drill only when the template is one. */
    @Transactional
    public Post fill(Staff me, long id, @Nullable Map<String, String> values) {
        return fill(me, id, values, false);
    }

    /**
     * Fills the version in use and submits the post on the fast lane ({@code TEMPLATE_CONFIRM}): a second person
     * confirms it and it goes out at once. Every placeholder needs a valid value; the rules still run on the result.
     *
     * @param drill fill it for a drill (a live template rehearsed); a drill template's posts are drills whatever this
     *              says
     */
    @Transactional
    public Post fill(Staff me, long id, @Nullable Map<String, String> values, boolean drill) {
        Filling filling = filling(me, id, values);
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("template", filling.template().id());
        origin.put("templateVersion", filling.template().version());
        origin.put("values", filling.values());
        NewPost post = NewPost.of(filling.text(), List.of(), filling.template().category(),
                filling.template().accountIds(), null);
        return posts.submitFilled(me.username(), filling.template().drill() || drill ? post.asDrill() : post, origin);
    }

    /**
     * The text {@link #fill} would post with these values, refused as it would be refused (a value missing or not of
     * its placeholder's type), without posting anything: what the fill page previews.
     */
    @Transactional(readOnly = true)
    public String preview(Staff me, long id, @Nullable Map<String, String> values) {
        return filling(me, id, values).text();
    }

    /** The version a person fills: the approved one, even while a newer version waits for approval. */
    @Transactional(readOnly = true)
    public TemplateView inUse(Staff me, long id) {
        PostTemplate template = usable(me, id);
        return TemplateView.of(template, template.version());
    }

    /** Refuses someone who may not write templates (nor so fill them), before a form is shown. */
    public void requireWriter(Staff me) {
        if (!me.mayWritePosts()) {
            throw new NotPermittedException("template.notPoster", "writing templates needs the POSTER role");
        }
    }

    /**
     * Refuses someone who may not post to every account of the template: only its department's posters write its
     * next version and fill it (as on the compose page), before a form is shown.
     */
    @Transactional(readOnly = true)
    public void requireOperator(Staff me, long id) {
        readable(me, id);
        requireOperator(me, store.versions(id).getFirst());
    }

    /** Which of these templates the person may write versions of and fill: the menu of the template list. */
    public Set<Long> operable(Staff me, List<TemplateView> views) {
        if (!me.mayWritePosts()) {
            return Set.of();
        }
        Set<Long> mine = choosable(me);
        return views.stream().filter(v -> mine.containsAll(v.accountIds())).map(TemplateView::id)
                .collect(Collectors.toSet());
    }

    private Set<Long> choosable(Staff me) {
        return accounts.choosableBy(me).stream().map(OfficialAccount::id).collect(Collectors.toSet());
    }

    private void requireOperator(Staff me, PostTemplate template) {
        requireWriter(me);
        Set<Long> mine = choosable(me);
        template.accountIds().stream().filter(a -> !mine.contains(a)).findFirst().ifPresent(a -> {
            throw new NotPermittedException("template.accountNotYours", "you do not post to account " + a,
                    String.valueOf(a));
        });
    }

    private record Filling(PostTemplate template, Map<String, String> values, String text) {
    }

    private Filling filling(Staff me, long id, @Nullable Map<String, String> values) {
        PostTemplate template = usable(me, id);
        requireOperator(me, template);
        Map<String, String> given = values == null ? Map.of() : values;
        Map<String, String> filled = new LinkedHashMap<>();
        template.placeholders().forEach(p -> filled.put(p.name(), p.fill(given.get(p.name()))));
        return new Filling(template, filled, template.render(filled));
    }

    private PostTemplate usable(Staff me, long id) {
        readable(me, id);
        PostTemplate template = inUse(store.versions(id)).orElseThrow(() -> new IllegalTransitionException(
                "template.notApproved", "the template has no approved version yet", "fill",
                store.versions(id).getFirst().status()));
        template.requireUsable();
        return template;
    }

    /** The approved versions of a department that answer a JMA warning kind (for drafts from weather warnings). */
    @Transactional(readOnly = true)
    List<PostTemplate> answering(long departmentId, String kindCode) {
        return store.approvedFor(departmentId, kindCode);
    }

    private static Optional<PostTemplate> inUse(List<PostTemplate> versions) {
        return versions.stream().filter(v -> v.status() == TemplateStatus.APPROVED).findFirst();
    }

    private TemplateView view(long id) {
        List<PostTemplate> versions = store.versions(id);
        return TemplateView.of(versions.getFirst(), inUse(versions).map(PostTemplate::version).orElse(null));
    }

    /** Hidden (404) from anyone outside its department who does not read every account. */
    private void readable(Staff me, long id) {
        long department = store.departmentOf(id)
                .orElseThrow(() -> new NotFoundException("template.notFound", "no template " + id, id));
        if (department != me.departmentId() && !me.readsEveryAccount()) {
            throw new NotFoundException("template.notFound", "no template " + id, id);
        }
    }

    private List<PostTemplate> readableForUpdate(Staff me, long id) {
        readable(me, id);
        return store.versionsForUpdate(id);
    }

    /**
     * The department a template belongs to: its accounts', all of one department, each one the writer may post to
     * (as on the compose page), the writer one of its people.
     */
    private long department(Staff me, TemplateDraft draft) {
        requireWriter(me);
        if (draft.accountIds() == null || draft.accountIds().isEmpty()) {
            throw new InvalidRequestException("template.noAccounts", "a template names the accounts it is for");
        }
        Map<Long, OfficialAccount> choosable = accounts.choosableBy(me).stream()
                .collect(Collectors.toMap(OfficialAccount::id, a -> a));
        for (Long accountId : draft.accountIds()) {
            if (accountId == null || !choosable.containsKey(accountId)) {
                throw new NotPermittedException("template.accountNotYours",
                        "you do not post to account " + accountId, String.valueOf(accountId));
            }
        }
        List<Long> departments = draft.accountIds().stream().map(a -> choosable.get(a).departmentId()).distinct()
                .toList();
        if (departments.size() != 1 || departments.getFirst() != me.departmentId()) {
            throw new InvalidRequestException("template.otherDepartment",
                    "a template is for accounts of its writer's own department");
        }
        return departments.getFirst();
    }

    /** The text with sample values must pass the rules: a marker of its own placeholders is all it may leave. */
    private void requireRulesPass(PostTemplate template) {
        List<Candidate.Target> targets = template.accountIds().stream().map(accounts::get)
                .map(a -> new Candidate.Target(a.id(), a.platform(), a.policy().replyPolicy(),
                        a.policy().altTextRequired())).toList();
        Post.requireNothingBlocking(rules.check(new Candidate(template.sampleText(), List.of(), List.of(), null, null,
                false, template.category() == PostCategory.EMERGENCY, null, targets)));
    }
}
