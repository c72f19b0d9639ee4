package org.kohogateway.gateway.importing;

import org.kohogateway.gateway.post.PostId;

/** A line of an import file and the post it became. */
public record ImportedRow(int line, PostId post) {
}
