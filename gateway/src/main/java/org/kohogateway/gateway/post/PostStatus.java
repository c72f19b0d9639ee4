package org.kohogateway.gateway.post;

public enum PostStatus {
    DRAFT, SUBMITTED, APPROVED, REJECTED, WITHDRAWN, CANCELLED
}
