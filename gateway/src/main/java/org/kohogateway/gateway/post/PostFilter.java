package org.kohogateway.gateway.post;

/** Which posts to list; null fields do not filter. */
public record PostFilter(Long authorId, PostStatus status, int limit) {
}
