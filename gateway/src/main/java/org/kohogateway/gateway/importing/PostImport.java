package org.kohogateway.gateway.importing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.staff.Staff;

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

    /** Still being read: waiting for a slot or running. */
    public boolean inProgress() {
        return status == ImportStatus.QUEUED || status == ImportStatus.RUNNING;
    }

    /** Whether this person may restart it now: a failed import, by its author or an admin. */
    public boolean mayRestart(Staff me) {
        return status == ImportStatus.FAILED && restartableBy(me);
    }

    /** Its author or an admin restarts it; anyone else would run another person's file as them. */
    boolean restartableBy(Staff me) {
        return author.equals(me.username()) || me.administers();
    }
}
