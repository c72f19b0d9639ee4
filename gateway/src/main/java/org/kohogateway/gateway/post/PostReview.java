package org.kohogateway.gateway.post;

import java.util.ArrayList;
import java.util.List;

import org.kohogateway.gateway.policy.Candidate;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.LinkAnswers;
import org.springframework.stereotype.Service;

/**
 * What an approver sees before deciding: the rules' findings on each post and, on a post waiting for a decision, the
 * links that do not answer (§3-④). Deliberately not transactional: the links are fetched with no connection or lock
 * held ({@link LinkAnswers}), the rules' findings read in their own read-only transactions.
 */
@Service
public class PostReview {

    private final PostWorkflow workflow;
    private final LinkAnswers links;

    PostReview(PostWorkflow workflow, LinkAnswers links) {
        this.workflow = workflow;
        this.links = links;
    }

    public List<Finding> findings(Post post) {
        return findings(List.of(post)).getFirst();
    }

    /** Each post's findings, in order; the links of all of them fetched within one deadline. */
    public List<List<Finding>> findings(List<Post> posts) {
        List<Candidate> waiting = posts.stream().filter(p -> p.status() == PostStatus.SUBMITTED)
                .map(p -> PostWorkflow.candidate(p.content(), p.scheduledAt(), List.of())).toList();
        List<List<Finding>> answers = links.check(waiting);
        List<List<Finding>> findings = new ArrayList<>();
        int next = 0;
        for (Post post : posts) {
            List<Finding> all = new ArrayList<>(workflow.findings(post));
            if (post.status() == PostStatus.SUBMITTED) {
                all.addAll(answers.get(next++));
                all.sort(Finding.ORDER);
            }
            findings.add(List.copyOf(all));
        }
        return findings;
    }
}
