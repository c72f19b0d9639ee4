package org.kohogateway.gateway.importing;

import java.util.List;

/** The columns of an import file, in the documented order (the sample, {@link Imports#sample}); the header must name them all. */
final class ImportColumns {

    static final String TEXT = "text";
    static final String LINKS = "links";
    static final String CATEGORY = "category";
    static final String ACCOUNT_IDS = "account_ids";
    static final String SCHEDULED_AT = "scheduled_at";
    static final String SUBMIT = "submit";

    static final List<String> ALL = List.of(TEXT, LINKS, CATEGORY, ACCOUNT_IDS, SCHEDULED_AT, SUBMIT);

    private ImportColumns() {
    }
}
