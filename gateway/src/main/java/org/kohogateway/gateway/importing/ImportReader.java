package org.kohogateway.gateway.importing;

import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads one part of an import's rows ({@link ImportParts}) from the stored upload. Restartable: Spring Batch saves how
 * many rows the part read with each committed chunk, and a restarted part skips that many before reading on.
 */
class ImportReader extends AbstractItemCountingItemStreamItemReader<ImportRow> {

    private final PostImports imports;
    private final long importId;
    private final boolean checkOnly;
    private final int first;
    private final int end;
    private int index;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private String author;
    private Map<Integer, String> columns;

    /**
     * @param checkOnly the reader of the first pass, which only checks: it reads nothing unless the import is
     *                  {@link ImportMode#ALL_OR_NOTHING}; the reader of the second pass (false) reads nothing if that
     *                  pass found bad rows
     * @param first     the part's first row (0 is the first after the header)
     * @param end       the row after the part's last
     */
    ImportReader(PostImports imports, long importId, boolean checkOnly, int first, int end) {
        this.imports = imports;
        this.importId = importId;
        this.checkOnly = checkOnly;
        this.first = first;
        this.end = end;
        setName(checkOnly ? "checkRows" : "importRows");
    }

    @Override
    protected void doOpen() throws Exception {
        PostImports.Stored stored = imports.content(importId)
                .orElseThrow(() -> new IllegalStateException("import " + importId + " has no stored file any more"));
        author = stored.author();
        ImportFile file = ImportFile.decode(stored.content(), Charset.forName(stored.charset()));
        parser = ImportFile.FORMAT.parse(file.reader());
        columns = new LinkedHashMap<>();
        parser.getHeaderMap().forEach((name, position) -> columns.put(position, name.toLowerCase(Locale.ROOT)));
        records = parser.iterator();
        for (index = 0; index < first && records.hasNext(); index++) {
            records.next();
        }
        boolean allOrNothing = stored.mode() == ImportMode.ALL_OR_NOTHING;
        if (checkOnly ? !allOrNothing : allOrNothing && imports.hasErrors(importId)) {
            records = java.util.Collections.emptyIterator();
        }
    }

    @Override
    protected @Nullable ImportRow doRead() {
        // the record starts on the line after the last one read (the iterator fetches lazily)
        int line = (int) parser.getCurrentLineNumber() + 1;
        if (index >= end || !records.hasNext()) {
            return null;
        }
        CSVRecord record = records.next();
        index++;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < record.size() && i < columns.size(); i++) {
            values.put(columns.get(i), record.get(i));
        }
        return new ImportRow(importId, author, line, values, record.size(), columns.size());
    }

    @Override
    protected void doClose() throws Exception {
        if (parser != null) {
            parser.close();
        }
    }
}
