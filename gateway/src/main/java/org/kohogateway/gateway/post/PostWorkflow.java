package org.kohogateway.gateway.post;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.policy.Candidate;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.PolicyRules;
import org.kohogateway.gateway.staff.ActingStaff;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.SafeFetch;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The use cases of posting and approving; each runs in one transaction with its audit entries.
 *
 * <p>Longer than most classes here: it is the one door every way of posting goes through — pages, API, CSV import,
 * press-release feed — so the checks of a request (targets the author operates, links, sizes, the PR department's own
 * accounts) sit beside the transitions they guard, and no entry point can skip one. Who may act is {@link Post}'s.
 */
@Service
public class PostWorkflow {

    /** Largest text any supported platform takes (Facebook, 63,206); per-platform limits are policy rules. */
    public static final int MAX_TEXT = 63_206;
    public static final int MAX_LINKS = 10;
    public static final int MAX_URL = 2_048;
    /**
     * The most images any platform takes in one post (a Facebook post of attached photos, an Instagram carousel: ten);
     * each platform's own limit is a rule ({@code PlatformCapabilities}), so a post for X or LINE with more is a finding.
     */
    public static final int MAX_MEDIA = 10;
    /** Any image's alt text; each platform's own shorter limit is a policy finding. */
    public static final int MAX_ALT_TEXT = 2000;

    private final Posts posts;
    private final OfficialAccounts accounts;
    private final StaffDirectory staff;
    private final PostingProperties properties;
    private final PolicyRules rules;
    private final SourcePages sources;
    private final SafeFetch fetch;
    private final NearDuplicates nearDuplicates;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PostImages images;

    PostWorkflow(Posts posts, OfficialAccounts accounts, StaffDirectory staff, PostingProperties properties,
            PolicyRules rules, SourcePages sources, SafeFetch fetch, NearDuplicates nearDuplicates,
            PlatformTransactionManager transactions, Clock clock, PostImages images) {
        this.images = images;
        this.posts = posts;
        this.accounts = accounts;
        this.staff = staff;
        this.properties = properties;
        this.rules = rules;
        this.sources = sources;
        this.fetch = fetch;
        this.nearDuplicates = nearDuplicates;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Transactional
    public Post create(String username, NewPost request) {
        return create(username, request, Map.of(), false);
    }

    /**
     * A post drafted from something approved beforehand — a template filled by a person or by a weather warning — with
     * the ordinary route; {@code origin} (the template and its version) goes into the creation's audit entry.
     */
    @Transactional
    public Post createFrom(String username, NewPost request, Map<String, ?> origin) {
        return create(username, request, origin, false);
    }

    /**
     * The fast lane (issue 22): a filled approved template, submitted at once on the {@link
     * ApprovalRoute#TEMPLATE_CONFIRM} route, where a second person's confirmation sends it. Every rule still applies:
     * a marker left or a blocking finding refuses it here, as at any submit.
     */
    @Transactional
    public Post submitFilled(String username, NewPost request, Map<String, ?> origin) {
        Post post = create(username, request, origin, true);
        return submit(username, post.id());
    }

    private Post create(String username, NewPost request, Map<String, ?> origin, boolean filled) {
        Staff author = staff.byUsername(username);
        requireWriter(author);
        PostContent content = content(author, request);
        List<OfficialAccount> targets = targets(author, request.accountIds(), named(request.accountIds()));
        Post post = draft(author, request, content, targets, origin, filled, clock.instant());
        posts.insert(post, author.username());
        return post;
    }

    /** The new post in memory, its route and department from its targets; written by the caller. */
    Post draft(Staff author, NewPost request, PostContent content, List<OfficialAccount> targets,
            Map<String, ?> origin, boolean filled, Instant now) {
        ApprovalRoute route;
        long departmentId;
        String source = null;
        if (request.sourceUrl() != null) {
            if (!author.publishesDirectly()) {
                throw new NotPermittedException("post.directOnlyPr",
                        "only a PR officer may publish already-published content directly");
            }
            source = officialSource(request.sourceUrl());
            route = ApprovalRoute.PR_DIRECT;
            departmentId = author.departmentId();
            targets.forEach(account -> requirePrDepartmentsOwn(account, departmentId));
        } else {
            departmentId = single(targets.stream().map(OfficialAccount::departmentId).toList(), "post.mixedDepartments",
                    "all target accounts must belong to one department; split the post");
            boolean approvalRequired = single(
                    targets.stream().map(a -> a.policy().departmentApprovalRequired()).toList(), "post.mixedRoutes",
                    "target accounts need different approval routes; split the post");
            route = filled ? ApprovalRoute.TEMPLATE_CONFIRM
                    : approvalRequired ? ApprovalRoute.DEPARTMENT : ApprovalRoute.PR_REVIEW;
        }
        if (request.correctionOf() != null) {
            requireCorrectable(author, request.correctionOf());
        }
        return Post.draft(author, route, departmentId, source, request.correctionOf(), content,
                request.scheduledAt(),
                targets.stream().map(OfficialAccount::id).toList(), origin, request.drill(), now);
    }

    @Transactional
    public Post edit(String username, PostId id, PostEdit edit) {
        return change(username, id, (post, actor, now) -> post.edit(actor, content(actor, edit.text(), edit.links(),
                edit.mediaUrls(), edit.category(), edit.replyTo(), edit.quoteOf(), edit.proposal(), edit.media()),
                edit.scheduledAt(), edit.drill(), now));
    }

    @Transactional
    public Post submit(String username, PostId id) {
        return change(username, id, (post, actor, now) -> post.submit(actor, findings(post), now));
    }

    /** Approves the post only if its content is still the version (content hash) the approver reviewed. */
    @Transactional
    public Post approve(String username, PostId id, String comment, Set<String> acknowledgements, String seenHash) {
        ActingStaff.requireDecisionScope(username);
        return change(username, id, (post, actor, now) -> {
            post.bindPolicyVersions(policyVersions(post));
            post.approve(actor, comment, findings(post), acknowledgements, seenHash, now);
        });
    }

    @Transactional
    public Post reject(String username, PostId id, String comment) {
        ActingStaff.requireDecisionScope(username);
        return change(username, id, (post, actor, now) -> post.reject(actor, comment, now));
    }

    /**
     * Fetches the cited source first, outside any transaction (no connection or lock is held across the fetch), then
     * publishes in one transaction; a post changed meanwhile is refused there as any concurrent change.
     */
    public Post publishDirect(String username, PostId id) {
        ActingStaff.requireDecisionScope(username);
        Post before = get(id);
        if (!staff.byUsername(username).publishesDirectly() || before.route() != ApprovalRoute.PR_DIRECT) {
            throw new NotPermittedException("post.directOnlyPr",
                    "only a PR officer's post citing an official source can be published directly");
        }
        SourcePage page = sources.fetch(URI.create(before.sourceUrl()));
        return transaction.execute(status -> change(username, id, (post, actor, now) -> {
            requireTargetsActive(post);
            post.accountIds().forEach(accountId -> requirePrDepartmentsOwn(accounts.get(accountId),
                    post.departmentId()));
            post.bindPolicyVersions(policyVersions(post));
            post.publishDirect(actor, page, findings(post), now);
        }));
    }

    @Transactional
    public Post withdraw(String username, PostId id) {
        return change(username, id, (post, actor, now) -> post.withdraw(actor, now));
    }

    @Transactional
    public Post cancel(String username, PostId id, String reason) {
        return change(username, id, (post, actor, now) -> post.cancel(actor, reason, now));
    }

    @Transactional
    public Post reschedule(String username, PostId id, Instant newTime, Set<String> acknowledgements) {
        return change(username, id, (post, actor, now) -> {
            post.bindPolicyVersions(policyVersions(post));
            post.reschedule(actor, newTime, findings(post), acknowledgements, now);
        });
    }

    /** What the rules say about a post as it stands now, for all its targets. */
    @Transactional(readOnly = true)
    public List<Finding> findings(Post post) {
        List<Candidate.Target> targets = post.accountIds().stream().map(accounts::get)
                .map(a -> new Candidate.Target(a.id(), a.platform(), a.policy().replyPolicy(),
                        a.policy().altTextRequired())).toList();
        return withRepeats(rules.check(candidate(post.content(), post.scheduledAt(), targets)),
                nearDuplicates.of(post.id().value(), post.content().text(), post.accountIds(), post.scheduledAt()));
    }

    private static List<Finding> withRepeats(List<Finding> findings, List<Finding> repeats) {
        if (repeats.isEmpty()) {
            return findings;
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(repeats);
        all.sort(Finding.ORDER);
        return List.copyOf(all);
    }

    /**
     * The rules' verdict on a post that does not exist yet: the as-you-type check. Before any account is ticked, the
     * rules about the content itself (links, personal data, terms, masking, dates) already run. Its reads are separate
     * statements, not one read-only transaction: a dry run needs no snapshot shared between them, and the transaction's
     * bounds and commit were two of its seven round trips over HTTP (issue 20).
     */
    public List<Finding> check(String username, NewPost request) {
        Staff author = staff.byUsername(username);
        PostContent content = content(author, request);
        boolean noneTicked = request.accountIds() == null || request.accountIds().isEmpty();
        List<OfficialAccount> targets = noneTicked ? List.of() : targets(author, request.accountIds(), named(request.accountIds()));
        return withRepeats(ruleFindings(content, request.scheduledAt(), targets, rules.cityHandles()),
                nearDuplicates.of(null, content.text(), targets.stream().map(OfficialAccount::id).toList(),
                        request.scheduledAt()));
    }

    /** The rules' findings (the near-duplicate look aside) on content for these targets. */
    List<Finding> ruleFindings(PostContent content, @Nullable Instant publishAt, List<OfficialAccount> targets,
            Map<Platform, Set<String>> cityHandles) {
        return rules.check(candidate(content, publishAt, targets.stream()
                .map(a -> new Candidate.Target(a.id(), a.platform(), a.policy().replyPolicy(),
                        a.policy().altTextRequired())).toList()), cityHandles);
    }

    /**
     * Many new posts of one author, checked and drafted together ({@link DraftBatch}): the author, the accounts named
     * and the city's handles read once, here.
     */
    @Transactional(readOnly = true)
    public DraftBatch batch(String username, Collection<Long> accountIds) {
        Staff author = staff.byUsername(username);
        requireWriter(author);
        return new DraftBatch(this, author, accounts.findAll(accountIds), rules.cityHandles(), clock);
    }

    /**
     * Writes a batch's drafts, with their audit entries and announcements, if what the batch read is still as stored:
     * the author (and their roles), the accounts and the city's handles. Otherwise writes nothing and answers false,
     * and the caller checks its requests again in a new batch.
     */
    @Transactional
    public boolean saveAll(DraftBatch batch) {
        if (batch.drafts().isEmpty()) {
            return true;
        }
        boolean unchanged = staff.findByUsername(batch.author().username()).filter(batch.author()::equals).isPresent()
                && accounts.unchanged(batch.accounts()) && rules.cityHandles().equals(batch.cityHandles());
        if (unchanged) {
            posts.insertAll(batch.drafts(), batch.author().username());
        }
        return unchanged;
    }

    /** @param publishAt the scheduled time, or null for "as soon as approved" */
    static Candidate candidate(PostContent content, @Nullable Instant publishAt, List<Candidate.Target> targets) {
        return new Candidate(content.text(), content.links(), content.mediaUrls(), content.replyTo(),
                content.quoteOf(), content.category() == PostCategory.POLICY_PROPOSAL_REPLY,
                content.category() == PostCategory.EMERGENCY, publishAt, targets, content.proposal(), Map.of(),
                content.media().stream().map(m -> new Candidate.Image(m.contentType(), m.bytes(), m.width(),
                        m.height(), m.altText())).toList());
    }

    @Transactional(readOnly = true)
    public Post get(PostId id) {
        return posts.find(id).orElseThrow(() -> new NotFoundException("post.notFound", "no post " + id, id));
    }

    /** These posts, by id, in two statements however many (the notifications of an import's chunk). */
    @Transactional(readOnly = true)
    public Map<PostId, Post> getAll(Collection<PostId> ids) {
        Map<PostId, Post> found = new HashMap<>();
        posts.findAll(ids).forEach(post -> found.put(post.id(), post));
        return found;
    }

    /** The post if these readers may read it; else not found, so that its existence does not leak. */
    @Transactional(readOnly = true)
    public Post get(PostId id, Readers readers) {
        return readable(id, readers).orElseThrow(() -> new NotFoundException("post.notFound", "no post " + id, id));
    }

    @Transactional(readOnly = true)
    public Optional<Post> readable(PostId id, Readers readers) {
        return posts.find(id, readers);
    }

    @Transactional(readOnly = true)
    public List<Post> list(PostFilter filter) {
        return posts.list(filter);
    }

    /** The corrections of this post these readers may read, oldest first. */
    @Transactional(readOnly = true)
    public List<Post> corrections(PostId original, Readers readers) {
        return posts.correctionsOf(original, readers);
    }

    /** The posts written as corrections of this one, oldest first. */
    @Transactional(readOnly = true)
    public List<Post> corrections(PostId original) {
        return posts.correctionsOf(original);
    }

    /**
     * The PR direct-publish drafts waiting for a PR officer, newest first: any officer may edit and publish them,
     * whoever wrote them (the press-release feed writes them as one configured officer).
     */
    @Transactional(readOnly = true)
    public List<Post> directPublishDrafts(String username, int limit) {
        requireDirectPublisher(staff.byUsername(username));
        return posts.directDrafts(limit);
    }

    /** Refuses the compose form and a new post to anyone who does not write posts. */
    public void requireWriter(Staff author) {
        if (!author.mayWritePosts()) {
            throw new NotPermittedException("post.notPoster", "writing posts needs the POSTER or PR_OFFICER role");
        }
    }

    /** Refuses anyone but the PR department the direct publish of a press release (§6-① exception) and its pages. */
    public void requireDirectPublisher(Staff me) {
        if (!me.publishesDirectly()) {
            throw new NotPermittedException("post.directOnlyPr", "only the PR department publishes directly");
        }
    }

    /**
     * What waits for this person's decision: their department's posts if an approver, PR-route posts if PR, filled
     * templates of their department (a poster or approver) or of any (PR); never their own; through a token limited to some accounts, only the posts it may decide.
     */
    @Transactional(readOnly = true)
    public List<Post> inbox(String username, Readers readers) {
        Staff me = staff.byUsername(username);
        List<ApprovalRoute> routes = new ArrayList<>();
        if (me.has(Role.APPROVER)) {
            routes.add(ApprovalRoute.DEPARTMENT);
        }
        if (me.has(Role.PR_OFFICER)) {
            routes.add(ApprovalRoute.PR_REVIEW);
        }
        // a filled template: any colleague who writes or approves for the department, or PR, confirms it
        boolean confirms = me.hasAny(Role.POSTER, Role.APPROVER, Role.PR_OFFICER);
        if (confirms) {
            routes.add(ApprovalRoute.TEMPLATE_CONFIRM);
        }
        return posts.awaitingDecision(routes, me.hasAny(Role.APPROVER, Role.POSTER) ? me.departmentId() : null,
                me.has(Role.PR_OFFICER), me.id(), readers);
    }

    private interface Change {
        void apply(Post post, Staff actor, Instant now);
    }

    private Post change(String username, PostId id, Change change) {
        Staff actor = staff.byUsername(username);
        Post post = get(id);
        change.apply(post, actor, clock.instant());
        posts.update(post, actor.username());
        return get(id);
    }

    /**
     * Only something that went out can be corrected: the original must have at least one sent delivery; and only by
     * someone who may ({@link Post#mayCorrect}).
     */
    private void requireCorrectable(Staff author, PostId original) {
        Post corrected = posts.find(original).orElseThrow(() -> new InvalidRequestException("post.correctionUnknown",
                "no post " + original + " to correct", original.toString()));
        if (!corrected.mayCorrect(author)) {
            throw new NotPermittedException("post.correctionNotYours",
                    "post " + original + " belongs to another department; its department or PR corrects it");
        }
        if (!corrected.wentOut()) {
            throw new InvalidRequestException("post.correctionNotSent",
                    "post " + original + " was not sent, so it needs an edit, not a correction", original.toString());
        }
    }

    private Map<Long, Integer> policyVersions(Post post) {
        Map<Long, Integer> versions = new HashMap<>();
        post.accountIds().forEach(id -> versions.put(id, accounts.get(id).policyVersion()));
        return versions;
    }

    private void requireTargetsActive(Post post) {
        for (long accountId : post.accountIds()) {
            OfficialAccount account = accounts.get(accountId);
            if (!account.active()) {
                throw new InvalidRequestException("post.accountNotActive",
                        "account " + account.name() + " is " + account.status() + ", not ACTIVE", account.name(),
                        account.status());
            }
        }
    }

    PostContent content(Staff author, NewPost request) {
        return content(author, request.text(), request.links(), request.mediaUrls(), request.category(),
                request.replyTo(), request.quoteOf(), request.proposal(), request.media());
    }

    private PostContent content(Staff author, @Nullable String text, @Nullable List<URI> links, @Nullable List<URI> mediaUrls,
            @Nullable PostCategory category, @Nullable URI replyTo, @Nullable URI quoteOf, @Nullable String proposal,
            List<MediaChoice> chosen) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("post.textRequired", "the text must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidRequestException("post.textTooLong", "the text is longer than " + MAX_TEXT, MAX_TEXT);
        }
        if (category == null) {
            throw new InvalidRequestException("post.categoryRequired", "a category is required");
        }
        List<URI> checked = links == null ? List.of() : links;
        if (checked.size() > MAX_LINKS) {
            throw new InvalidRequestException("post.tooManyLinks", "at most " + MAX_LINKS + " links", MAX_LINKS);
        }
        checked.forEach(PostWorkflow::requireWebLink);
        List<URI> media = mediaUrls == null ? List.of() : mediaUrls;
        media.forEach(PostWorkflow::requireWebLink);
        List<MediaChoice> choices = chosen == null ? List.of() : chosen;
        if (media.size() + choices.size() > MAX_MEDIA) {
            throw new InvalidRequestException("post.tooManyMedia", "at most " + MAX_MEDIA + " images", MAX_MEDIA);
        }
        List<PostMedia> chosenImages = choices.stream().map(choice -> image(author, choice)).toList();
        if (replyTo != null) {
            requireWebLink(replyTo);
        }
        if (quoteOf != null) {
            requireWebLink(quoteOf);
        }
        if (proposal != null && proposal.strip().length() > MAX_URL) {
            throw new InvalidRequestException("post.proposalTooLong", "the proposal reference is too long", MAX_URL);
        }
        return new PostContent(text, checked, category, media, replyTo == null ? null : replyTo.toString(),
                quoteOf == null ? null : quoteOf.toString(),
                proposal == null || proposal.isBlank() ? null : proposal.strip(), chosenImages);
    }

    /** The uploaded image as it is stored now: the approval binds these bytes, not the id. */
    private PostMedia image(Staff author, MediaChoice choice) {
        // only an image the author may see: an id guessed or copied from another department's post is no image
        Media media = images.viewable(choice.id(), Readers.of(author));
        String alt = choice.altText() == null ? media.altText() : choice.altText().strip();
        if (alt.length() > MAX_ALT_TEXT) {
            throw new InvalidRequestException("post.altTextTooLong", "alt text is longer than " + MAX_ALT_TEXT,
                    MAX_ALT_TEXT);
        }
        return new PostMedia(media.id(), media.sha256(), media.contentType(), media.bytes(), media.width(),
                media.height(), alt);
    }

    private static void requireWebLink(@Nullable URI link) {
        if (link == null || !link.isAbsolute() || link.getHost() == null
                || !Set.of("http", "https").contains(link.getScheme().toLowerCase(Locale.ROOT))
                || link.toString().length() > MAX_URL) {
            throw new InvalidRequestException("post.badLink", "not a web link: " + link, String.valueOf(link));
        }
    }

    /** @param lookup the account of an id, as stored now or as a batch read it */
    /** The accounts a request names, read in one statement; {@link #targets} refuses the ids it does not find. */
    private Function<Long, Optional<OfficialAccount>> named(@Nullable List<Long> accountIds) {
        if (accountIds == null || accountIds.size() > properties.maxTargets()) {
            return accounts::find; // refused by targets() before any look-up
        }
        Map<Long, OfficialAccount> found = new HashMap<>();
        accounts.findAll(accountIds.stream().filter(Objects::nonNull).toList()).forEach(a -> found.put(a.id(), a));
        return id -> Optional.ofNullable(found.get(id));
    }

    List<OfficialAccount> targets(Staff author, @Nullable List<Long> accountIds,
            Function<Long, Optional<OfficialAccount>> lookup) {
        if (accountIds == null || accountIds.isEmpty()) {
            throw new InvalidRequestException("post.noTargets", "a post needs at least one target account");
        }
        if (accountIds.size() > properties.maxTargets()) {
            throw new InvalidRequestException("post.tooManyTargets", "too many target accounts",
                    properties.maxTargets());
        }
        if (new HashSet<>(accountIds).size() != accountIds.size()) {
            throw new InvalidRequestException("post.duplicateTargets", "an account is targeted twice");
        }
        List<OfficialAccount> targets = new ArrayList<>();
        for (Long accountId : accountIds) {
            if (accountId == null) {
                throw new InvalidRequestException("post.noTargets", "a target account id is missing");
            }
            OfficialAccount account = lookup.apply(accountId).orElseThrow(() -> new InvalidRequestException(
                    "post.unknownAccount", "no official account " + accountId, String.valueOf(accountId)));
            if (!account.active()) {
                throw new InvalidRequestException("post.accountNotActive",
                        "account " + account.name() + " is " + account.status() + ", not ACTIVE", account.name(),
                        account.status());
            }
            if (!account.operatedBy(author)) {
                throw new NotPermittedException("post.accountNotYours",
                        "only the operators named in the policy of account " + account.name() + " post to it",
                        account.name());
            }
            targets.add(account);
        }
        return targets;
    }

    /**
     * The §6-① exception covers the PR department's own accounts; another department's account carries that
     * department's voice, so its approver decides (the ordinary route, without a source).
     */
    private static void requirePrDepartmentsOwn(OfficialAccount account, long prDepartmentId) {
        if (account.departmentId() != prDepartmentId) {
            throw new NotPermittedException("post.directNotPrAccount", "account " + account.name()
                    + " belongs to another department: post there without a source, for its approver",
                    account.name());
        }
    }

    /**
     * A source a direct publish may cite: on an official domain, https (plain http only to loopback where allowed:
     * tests, the demo).
     */
    public String officialSource(URI source) {
        requireWebLink(source);
        if (!rules.official(source.getHost().toLowerCase(Locale.ROOT))
                || !"https".equalsIgnoreCase(source.getScheme()) && !fetch.plainHttpAllowed(source)) {
            throw new InvalidRequestException("post.sourceNotOfficial",
                    "the source " + source + " is not on an official city domain (https)", source.toString());
        }
        return source.toString();
    }

    private static <T> T single(List<T> values, String code, String message) {
        if (values.stream().distinct().count() != 1) {
            throw new InvalidRequestException(code, message);
        }
        return values.getFirst();
    }
}
