package org.kohogateway.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The declared authorization table of {@code docs/authorization-matrix.md}: one Markdown row per operation
 * ({@code | `METHOD /path` | answer | …}), one column per {@link MatrixSubject}; and the rendering of observed answers
 * in the same form, to paste in after a reviewed change.
 */
final class AuthorizationTable {

    /** The answers a cell may declare (the doc explains them). */
    static final Set<String> ANSWERS = Set.of("ok", "401", "403", "404");

    private AuthorizationTable() {
    }

    /** Rows by operation ({@code "GET /api/posts/{id}"}), in the doc's order; fails on a malformed row. */
    static Map<String, Map<MatrixSubject, String>> read(Path doc) {
        Map<String, Map<MatrixSubject, String>> rows = new LinkedHashMap<>();
        for (String line : lines(doc)) {
            if (!line.matches("\\| `[A-Z]+ /.*")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                    .map(String::strip).toList();
            String operation = cells.getFirst().replace("`", "");
            if (cells.size() != MatrixSubject.values().length + 1) {
                throw new IllegalStateException(doc + ": " + operation + " has " + (cells.size() - 1)
                        + " answers, one per subject expected");
            }
            Map<MatrixSubject, String> answers = new EnumMap<>(MatrixSubject.class);
            for (MatrixSubject subject : MatrixSubject.values()) {
                String answer = cells.get(subject.ordinal() + 1);
                if (!ANSWERS.contains(answer)) {
                    throw new IllegalStateException(doc + ": " + operation + " / " + subject.column + ": '" + answer
                            + "' is not one of " + ANSWERS);
                }
                answers.put(subject, answer);
            }
            if (rows.put(operation, answers) != null) {
                throw new IllegalStateException(doc + ": " + operation + " is listed twice");
            }
        }
        return rows;
    }

    /** A Markdown table of these rows, sorted by path then method, in the doc's format. */
    static String render(Map<String, Map<MatrixSubject, String>> rows) {
        SortedMap<String, String> sorted = new TreeMap<>();
        rows.forEach((operation, answers) -> sorted.put(path(operation) + " " + operation, "| `" + operation + "` | "
                + Arrays.stream(MatrixSubject.values()).map(answers::get).collect(Collectors.joining(" | ")) + " |"));
        return "| Operation | " + Arrays.stream(MatrixSubject.values()).map(s -> s.column)
                .collect(Collectors.joining(" | ")) + " |\n|---|" + "---|".repeat(MatrixSubject.values().length) + "\n"
                + String.join("\n", sorted.values()) + "\n";
    }

    private static String path(String operation) {
        return operation.substring(operation.indexOf(' ') + 1);
    }

    private static List<String> lines(Path doc) {
        try {
            return Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
