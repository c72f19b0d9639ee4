package org.kohogateway.gateway.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.importing.ImportMode;
import org.kohogateway.gateway.importing.ImportStatus;

/**
 * An import and its outcome; {@code errors} and {@code postIds} only on the single import.
 *
 * @param rows     data rows in the file
 * @param imported rows that became posts (drafts, or submitted when the row said so)
 * @param rejected rows that were not imported; each has one or more {@code errors}
 */
record ImportView(long id, String author, String fileName, String charset, ImportMode mode, ImportStatus status,
        int rows, int imported, int rejected, @Nullable String message, Instant createdAt, @Nullable Instant finishedAt,
        @Nullable List<RowErrorView> errors, @Nullable List<String> postIds) {

    /** One reason a line was not imported, in the caller's language. */
    record RowErrorView(int line, String code, String message, List<String> arguments) {
    }
}
