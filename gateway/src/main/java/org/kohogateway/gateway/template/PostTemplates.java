package org.kohogateway.gateway.template;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        PostTemplate template = PostTemplate.write(store.newTemplate(departmentId, now), 1, departmentId, me, draft, now);
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
        Instant now = clock.instant();
        if (newest.status() == TemplateStatus.APPROVED || newest.status() == TemplateStatus.RETIRED) {
            PostTemplate next = PostTemplate.write(id, newest.version() + 1, newest.departmentId(), me, draft, now);
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

    /**
     * Fills the version in use and submits the post on the fast lane ({@code TEMPLATE_CONFIRM}): a second person
     * confirms it and it goes out at once. Every placeholder needs a valid value; the rules still run on the result.
     */
    @Transactional
    public Post fill(Staff me, long id, @Nullable Map<String, String> values) {
        readable(me, id);
        PostTemplate template = inUse(store.versions(id)).orElseThrow(() -> new IllegalTransitionException(
                "template.notApproved", "the template has no approved version yet", "fill",
                store.versions(id).getFirst().status()));
        template.requireUsable();
        Map<String, String> given = values == null ? Map.of() : values;
        Map<String, String> filled = new LinkedHashMap<>();
        template.placeholders().forEach(p -> filled.put(p.name(), p.fill(given.get(p.name()))));
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("template", template.id());
        origin.put("templateVersion", template.version());
        origin.put("values", filled);
        return posts.submitFilled(me.username(), NewPost.of(template.render(filled), List.of(), template.category(),
                template.accountIds(), null), origin);
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
        if (!me.mayWritePosts()) {
            throw new NotPermittedException("template.notPoster", "writing templates needs the POSTER role");
        }
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
