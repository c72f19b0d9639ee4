package org.kohogateway.gateway.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.kohogateway.gateway.support.InvalidRequestException;

/**
 * An uploaded CSV file as text: the character set detected (a UTF-8 byte-order mark → UTF-8; bytes that are valid
 * UTF-8 → UTF-8; anything else → Shift_JIS as Windows writes it, windows-31j / CP932), the header checked against
 * {@link ImportColumns}.
 */
final class ImportFile {

    /** 5 MiB: the largest file accepted. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).get();

    private final String text;
    private final Charset charset;

    private ImportFile(String text, Charset charset) {
        this.text = text;
        this.charset = charset;
    }

    /** Decodes the bytes; refuses what is not text. */
    static ImportFile decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new ImportFile(strict(StandardCharsets.UTF_8, bytes, 3), StandardCharsets.UTF_8);
        }
        try {
            return new ImportFile(strictOrThrow(StandardCharsets.UTF_8, bytes, 0), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            return new ImportFile(strict(WINDOWS_31J, bytes, 0), WINDOWS_31J);
        }
    }

    /** Decodes bytes that were accepted before, with the character set detected then. */
    static ImportFile decode(byte[] bytes, Charset charset) {
        int offset = charset.equals(StandardCharsets.UTF_8) && bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        return new ImportFile(strict(charset, bytes, offset), charset);
    }

    Charset charset() {
        return charset;
    }

    Reader reader() {
        return new StringReader(text);
    }

    /** Reads the whole file once: the header must name the documented columns, and every record must parse. */
    int checkAndCountRows() {
        if (text.indexOf('\0') >= 0) {
            throw new InvalidRequestException("import.notText", "the file is not text");
        }
        try (CSVParser parser = FORMAT.parse(reader())) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            Set<String> missing = new HashSet<>(ImportColumns.REQUIRED);
            header.forEach(missing::remove);
            List<String> unknown = new ArrayList<>(header);
            unknown.removeAll(ImportColumns.ALL);
            if (!missing.isEmpty() || !unknown.isEmpty() || header.size() != new HashSet<>(header).size()) {
                throw new InvalidRequestException("import.wrongColumns",
                        "the header must name " + String.join(",", ImportColumns.REQUIRED) + " and may name "
                                + ImportColumns.MEDIA_IDS + "; found " + header,
                        String.join(",", ImportColumns.REQUIRED), String.join(",", parser.getHeaderNames()));
            }
            int rows = 0;
            for (var ignored : parser) {
                rows++;
            }
            if (rows == 0) {
                throw new InvalidRequestException("import.noRows", "the file has a header but no rows");
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv: unbalanced quotes, a duplicate or empty header name, a missing header
            throw new InvalidRequestException("import.notCsv", "not a CSV file: " + e.getMessage(),
                    String.valueOf(e.getMessage()));
        }
    }

    private static String strict(Charset charset, byte[] bytes, int offset) {
        try {
            return strictOrThrow(charset, bytes, offset);
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("import.notText",
                    "the file is neither UTF-8 nor Shift_JIS (windows-31j) text");
        }
    }

    private static String strictOrThrow(Charset charset, byte[] bytes, int offset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    }
}
