package org.kohogateway.gateway.post;

/**
 * Published in the transaction in which a post came to wait for an approval decision: it was submitted, or an edit
 * voided its approval. Module listeners hear it after commit.
 */
public record PostAwaitingApproval(PostId postId, long authorId, ApprovalRoute route, long departmentId) {
}
