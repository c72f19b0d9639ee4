package org.kohogateway.gateway.post;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Which posts to list: those the readers may read, of this author and status if given. */
public record PostFilter(Readers readers, @Nullable Long authorId, @Nullable PostStatus status, int limit) {

    public PostFilter {
        Objects.requireNonNull(readers, "readers");
    }
}
