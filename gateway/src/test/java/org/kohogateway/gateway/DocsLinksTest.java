package org.kohogateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The docs' relative links resolve: every {@code [text](target)} and {@code ![alt](target)} in README.md,
 * CONTRIBUTING.md and docs/*.md that is not a web address points at a file or folder that exists, and an anchor
 * ({@code file.md#heading}, {@code #heading}) at a heading of that Markdown file, named the way GitHub names it. Links
 * in code blocks, code spans and HTML comments are not links and are not checked.
 */
class DocsLinksTest {

    private static final Pattern LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = repositoryRoot();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        assertThat(documents).as("the documents to check exist").allMatch(Files::isRegularFile);

        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            List<String> lines = lines(document);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(withoutCodeSpans(lines.get(i)));
                while (m.find()) {
                    String target = m.group(1);
                    if (SCHEME.matcher(target).find()) {
                        continue;
                    }
                    checked++;
                    String problem = problem(document, target);
                    if (problem != null) {
                        broken.add(root.relativize(document) + ":" + (i + 1) + ": " + target + " — " + problem);
                    }
                }
            }
        }
        assertThat(checked).as("relative links found").isGreaterThan(20);
        assertThat(broken).as("links whose target does not exist").isEmpty();
    }

    @Test
    void headingsAreNamedTheWayGitHubNamesThem() {
        assertThat(slug("Quick start")).isEqualTo("quick-start");
        assertThat(slug("Crisis (guideline §7-②)")).isEqualTo("crisis-guideline-7-");
        assertThat(slug("§6-① 所属長の決裁 — department approval, and PR's direct publish"))
                .isEqualTo("6--所属長の決裁--department-approval-and-prs-direct-publish");
        assertThat(slug("`gateway.feed` and [the feed](x.md)")).isEqualTo("gatewayfeed-and-the-feed");
    }

    /** Null when the target resolves, else why not. */
    private String problem(Path document, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? document : document.getParent().resolve(decode(path)).normalize();
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (anchor == null || anchor.isEmpty() || !file.toString().endsWith(".md")) {
            return null;
        }
        return anchorsOf(file).contains(decode(anchor)) ? null : "no heading with that anchor in " + file.getFileName();
    }

    private Set<String> anchorsOf(Path file) throws IOException {
        Set<String> known = anchors.get(file);
        if (known != null) {
            return known;
        }
        known = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : lines(file)) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                known.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                known.add(a.group(1));
            }
        }
        anchors.put(file, known);
        return known;
    }

    /**
     * GitHub's anchor for a heading (as github-slugger makes it): the rendered text in lower case, letters, marks,
     * digits, {@code -} and {@code _} kept, spaces turned into {@code -}, everything else (punctuation, symbols,
     * circled numbers such as ①) dropped.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == ' ') {
                slug.append('-');
            } else if (cp == '-' || kept(cp)) {
                slug.appendCodePoint(cp);
            }
        });
        return slug.toString();
    }

    private static boolean kept(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The document's lines with fenced code blocks and HTML comments blanked (line numbers kept). */
    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher comments = Pattern.compile("<!--.*?-->", Pattern.DOTALL).matcher(text);
        StringBuilder withoutComments = new StringBuilder();
        while (comments.find()) {
            String newlines = comments.group().replaceAll("[^\n]", "");
            comments.appendReplacement(withoutComments, Matcher.quoteReplacement(newlines));
        }
        comments.appendTail(withoutComments);
        List<String> lines = new ArrayList<>();
        boolean inFence = false;
        for (String line : withoutComments.toString().split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                inFence = !inFence;
                lines.add("");
            } else {
                lines.add(inFence ? "" : line);
            }
        }
        return lines;
    }

    private static String withoutCodeSpans(String line) {
        return line.replaceAll("(`+)(?:(?!\\1).)+?\\1", "");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root (the folder holding mvnw)").isNotNull();
        return dir;
    }
}
