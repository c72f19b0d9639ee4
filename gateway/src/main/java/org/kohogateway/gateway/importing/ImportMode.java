package org.kohogateway.gateway.importing;

/** What an import does with rows that break a rule. */
public enum ImportMode {
    /** One bad row and nothing is imported: every row is checked before the first post is created. */
    ALL_OR_NOTHING,
    /** The good rows are imported; each bad row is reported with its line. */
    VALID_ROWS
}
