package org.kohogateway.gateway.importing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An import as its author and auditors see it.
 *
 * @param rows      data rows in the file
 * @param imported  rows that became posts
 * @param rejected  rows reported as errors (see {@link Imports#errors})
 * @param message   why the job failed, if it did
 */
public record PostImport(long id, String author, String fileName, String charset, ImportMode mode,
        ImportStatus status, int rows, int imported, int rejected, @Nullable Long jobExecutionId,
        @Nullable String message, Instant createdAt, @Nullable Instant finishedAt) {
}
