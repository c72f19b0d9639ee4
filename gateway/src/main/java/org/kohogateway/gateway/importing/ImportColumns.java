package org.kohogateway.gateway.importing;

import java.util.List;

/**
 * The columns of an import file, in the documented order (the sample, {@link Imports#sample}). The header must name
 * every {@link #REQUIRED} column and may name {@link #MEDIA_IDS}, which came later: files written before it still
 * import.
 */
final class ImportColumns {

    static final String TEXT = "text";
    static final String LINKS = "links";
    static final String CATEGORY = "category";
    static final String ACCOUNT_IDS = "account_ids";
    static final String SCHEDULED_AT = "scheduled_at";
    static final String SUBMIT = "submit";
    /** Ids of uploaded images ({@code POST /api/media}), in the order the post shows them; their alt text goes along. */
    static final String MEDIA_IDS = "media_ids";

    static final List<String> REQUIRED = List.of(TEXT, LINKS, CATEGORY, ACCOUNT_IDS, SCHEDULED_AT, SUBMIT);
    static final List<String> ALL = List.of(TEXT, LINKS, CATEGORY, ACCOUNT_IDS, SCHEDULED_AT, SUBMIT, MEDIA_IDS);

    private ImportColumns() {
    }
}
