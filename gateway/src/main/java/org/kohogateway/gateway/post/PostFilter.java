package org.kohogateway.gateway.post;

import java.util.Objects;

/** Which posts to list: those the readers may read, of this author and status (null fields do not filter). */
public record PostFilter(Readers readers, Long authorId, PostStatus status, int limit) {

    public PostFilter {
        Objects.requireNonNull(readers, "readers");
    }
}
