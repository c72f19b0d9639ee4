package org.kohogateway.gateway.post;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.staff.Staff;

/**
 * Many new posts of one author, checked and drafted together: the CSV import's chunk of rows. What a post's check and
 * creation read — the author and their roles, the target accounts, the city's handles — is read once for the batch
 * ({@link PostWorkflow#batch}) instead of three times per row, and the drafts are written together
 * ({@link PostWorkflow#saveAll}).
 *
 * <p>Each request is checked once, and a submit stands on that check's findings instead of checking again. That is
 * safe because a submit refuses only on a {@link Severity#BLOCK} finding ({@link Post#requireNothingBlocking}), and
 * the findings it would compute ({@link PostWorkflow#findings}) are the rules over the post's content, time and
 * targets, plus the near-duplicate look. Here the draft is made from the very content the check read, with the same
 * time, for the same account records and handles: the rules answer the same. The near-duplicate look is left out of
 * the batch's check because its findings are never BLOCK ({@code RuleId.NEAR_DUPLICATE} asks for an acknowledgement),
 * so neither the row's verdict nor the submit depends on it. The policy lists are the cached snapshot every check
 * reads ({@code PolicyLists}), as before. The approval is untouched: approving checks the post again, near duplicates
 * included, and binds the content hash and the policy versions then. And what the batch read is compared with the
 * database before anything is written ({@link PostWorkflow#saveAll}): if the author's roles, an account or the city's
 * handles changed meanwhile, nothing is written and the requests are checked again.
 */
public final class DraftBatch {

    private final PostWorkflow workflow;
    private final Staff author;
    private final Map<Long, OfficialAccount> accounts;
    private final Map<Platform, Set<String>> cityHandles;
    private final Clock clock;
    private final List<Post> drafts = new ArrayList<>();

    DraftBatch(PostWorkflow workflow, Staff author, List<OfficialAccount> accounts,
            Map<Platform, Set<String>> cityHandles, Clock clock) {
        this.workflow = workflow;
        this.author = author;
        this.accounts = accounts.stream().collect(Collectors.toMap(OfficialAccount::id, Function.identity()));
        this.cityHandles = cityHandles;
        this.clock = clock;
    }

    /** A request as checked in this batch: its findings, and what a draft of it is made from. */
    public static final class Checked {

        private final DraftBatch batch;
        private final NewPost request;
        private final PostContent content;
        private final List<Finding> findings;

        private Checked(DraftBatch batch, NewPost request, PostContent content, List<Finding> findings) {
            this.batch = batch;
            this.request = request;
            this.content = content;
            this.findings = findings;
        }

        /** The rules' findings, without the near-duplicate look (which never blocks). */
        public List<Finding> findings() {
            return findings;
        }

        public List<Finding> blocking() {
            return findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
        }
    }

    /**
     * What the rules say of the request, as {@link PostWorkflow#check} says it but for the near-duplicate look; a
     * request the workflow refuses outright (text, links, targets) throws as there.
     */
    public Checked check(NewPost request) {
        PostContent content = workflow.content(author, request);
        boolean noneTicked = request.accountIds() == null || request.accountIds().isEmpty();
        List<OfficialAccount> targets = noneTicked ? List.of() : targets(request);
        return new Checked(this, request, content,
                workflow.ruleFindings(content, request.scheduledAt(), targets, cityHandles));
    }

    /**
     * The checked request as a new draft, submitted into the approval flow if asked, on the check's findings; kept
     * for {@link PostWorkflow#saveAll}. Throws, writing nothing, where {@link PostWorkflow#create} or
     * {@link PostWorkflow#submit} would refuse.
     */
    public Post draft(Checked checked, boolean submit) {
        if (checked.batch != this) {
            throw new IllegalArgumentException("a request is drafted in the batch that checked it");
        }
        Instant now = clock.instant();
        Post post = workflow.draft(author, checked.request, checked.content, targets(checked.request), Map.of(), false,
                now);
        if (submit) {
            post.submit(author, checked.findings, now);
        }
        drafts.add(post);
        return post;
    }

    private List<OfficialAccount> targets(NewPost request) {
        return workflow.targets(author, request.accountIds(), id -> Optional.ofNullable(accounts.get(id)));
    }

    Staff author() {
        return author;
    }

    List<OfficialAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    Map<Platform, Set<String>> cityHandles() {
        return cityHandles;
    }

    List<Post> drafts() {
        return drafts;
    }
}
