package org.kohogateway.gateway.importing;

public enum ImportStatus {
    /** Accepted, its job not yet started. */
    QUEUED,
    RUNNING,
    /** Every row was imported or, in {@link ImportMode#VALID_ROWS} mode, reported. */
    COMPLETED,
    /** {@link ImportMode#ALL_OR_NOTHING} and some rows are bad: nothing was imported. */
    REJECTED,
    /** The job stopped on an error (not a bad row); it can be restarted and goes on where it stopped. */
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == REJECTED;
    }
}
