package org.kohogateway.gateway.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostReview;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.stereotype.Component;

/** Resolves the names a post view shows (author, approver, account names). */
@Component
class PostViews {

    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final PostWorkflow workflow;
    private final FindingViews findings;
    private final PostReview review;

    PostViews(StaffDirectory staff, OfficialAccounts accounts, PostWorkflow workflow, FindingViews findings,
            PostReview review) {
        this.review = review;
        this.staff = staff;
        this.accounts = accounts;
        this.workflow = workflow;
        this.findings = findings;
    }

    PostView of(Post post) {
        return of(List.of(post)).getFirst();
    }

    /** One post as its approver sees it: with the links that do not answer while it waits for a decision. */
    PostView reviewed(Post post) {
        return of(List.of(post), review.findings(List.of(post))).getFirst();
    }

    List<PostView> of(List<Post> posts) {
        return of(posts, posts.stream().map(workflow::findings).toList());
    }

    private List<PostView> of(List<Post> posts, List<List<Finding>> findingsOfEach) {
        Map<Long, OfficialAccount> byId = new HashMap<>();
        accounts.all().forEach(a -> byId.put(a.id(), a));
        Map<Long, String> usernames = new HashMap<>();
        for (Post post : posts) {
            usernames.computeIfAbsent(post.authorId(), id -> staff.byId(id).username());
            if (post.decidedBy() != null) {
                usernames.computeIfAbsent(post.decidedBy(), id -> staff.byId(id).username());
            }
        }
        return IntStream.range(0, posts.size()).mapToObj(i -> PostView.of(posts.get(i), usernames, byId,
                findings.of(findingsOfEach.get(i)))).toList();
    }
}
