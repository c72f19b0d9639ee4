package org.kohogateway.gateway.post;

import java.util.Objects;
import java.util.UUID;

public record PostId(UUID value) {

    public PostId {
        Objects.requireNonNull(value, "value");
    }

    public static PostId random() {
        return new PostId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
