package org.kohogateway.gateway.importing;

import java.util.Map;

/**
 * One CSV record of an import, as read.
 *
 * @param line       the file line the record starts on (the header is line 1)
 * @param values  by column name; a column the record lacks is absent
 * @param fields  how many fields the record has
 * @param columns how many columns the header names
 */
record ImportRow(long importId, String author, int line, Map<String, String> values, int fields, int columns) {

    /** False when the record has a different number of fields than the header. */
    boolean consistent() {
        return fields == columns;
    }

    String value(String column) {
        String value = values.get(column);
        return value == null ? "" : value.strip();
    }
}
