package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.Test;

/**
 * Every word a person reads on a page comes from the message bundles (Japanese default, English): no template may
 * carry user-visible text of its own. Parses each template and fails on a text node, or a title, placeholder,
 * aria-label, alt or visible value attribute, holding letters (Latin or Japanese) that Thymeleaf does not replace
 * from a {@code th:*} attribute. Text inside an element with {@code th:text}, {@code th:utext}, {@code th:replace} or
 * {@code th:insert} is only the template's placeholder and never shown. The language switch names each language in
 * itself and is the one explicit exception. Also checks that every message key a template names exists in both
 * bundles, and that the bundles hold the same keys.
 */
class TemplateTextTest {

    /** Shown in their own language on purpose: the language switch. */
    private static final Set<String> WHITELIST = Set.of("日本語", "English");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("title", "placeholder", "aria-label", "alt", "value");
    private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert");
    /** input types whose value is shown to the person (the others carry data, not text). */
    private static final Set<String> VISIBLE_VALUE_TYPES = Set.of("", "text", "submit", "button", "reset", "search");

    @Test
    void templatesHoldNoHardCodedText() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> templates = templates();
        assertThat(templates).hasSizeGreaterThan(5);
        for (Path template : templates) {
            problems.addAll(check(root().relativize(template).toString(),
                    Files.readString(template, StandardCharsets.UTF_8)));
        }
        assertThat(problems).as("user-visible text outside the message bundles").isEmpty();
    }

    @Test
    void theCheckFindsHardCodedText() throws Exception {
        assertThat(check("sample", """
                <html><body>
                <h1>承認待ち</h1>
                <p th:text="#{ok}">placeholder is fine</p>
                <input placeholder="Search">
                <input type="hidden" name="a" value="data">
                <button title="Send" th:title="#{send}" th:text="#{send}">x</button>
                <img alt="logo">
                <a href="?lang=en">English</a> / 2026
                </body></html>
                """)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("承認待ち"))
                .anySatisfy(p -> assertThat(p).contains("placeholder=\"Search\""))
                .anySatisfy(p -> assertThat(p).contains("alt=\"logo\""));
    }

    @Test
    void everyMessageKeyOfTheTemplatesIsInBothLanguages() throws Exception {
        Properties ja = bundle("messages.properties");
        Properties en = bundle("messages_en.properties");
        assertThat(new TreeSet<>(en.stringPropertyNames())).as("keys only in Japanese or only in English")
                .isEqualTo(new TreeSet<>(ja.stringPropertyNames()));
        Pattern key = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]|#messages\\.msg\\('([A-Za-z0-9_.]+)'");
        Set<String> missing = new TreeSet<>();
        for (Path template : templates()) {
            Matcher m = key.matcher(Files.readString(template, StandardCharsets.UTF_8));
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (!ja.containsKey(name)) {
                    missing.add(root().relativize(template) + ": " + name);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<String> check(String name, String html) throws ParseException {
        List<String> problems = new ArrayList<>();
        walk(name, new DOMMarkupParser(ParseConfiguration.htmlConfiguration()).parse(name, html), problems);
        return problems;
    }

    private static void walk(String name, INestableNode parent, List<String> problems) {
        for (INode node : parent.getChildren()) {
            if (node instanceof Text text) {
                String content = text.getContent().strip();
                if (hasLetters(content) && !WHITELIST.contains(content)) {
                    problems.add(name + ": text \"" + content + "\"");
                }
            } else if (node instanceof Element element) {
                String tag = element.getElementName().toLowerCase();
                Map<String, String> attributes = element.getAttributeMap();
                checkAttributes(name, tag, attributes, problems);
                boolean replaced = attributes.keySet().stream().anyMatch(REPLACING::contains);
                if (!replaced && !tag.equals("script") && !tag.equals("style")) {
                    walk(name, element, problems);
                }
            }
        }
    }

    private static void checkAttributes(String name, String tag, Map<String, String> attributes,
            List<String> problems) {
        String thAttr = attributes.getOrDefault("th:attr", "");
        for (String attribute : TEXT_ATTRIBUTES) {
            String value = attributes.get(attribute);
            if (value == null || !hasLetters(value) || attributes.containsKey("th:" + attribute)
                    || thAttr.contains(attribute + "=")) {
                continue;
            }
            if (attribute.equals("value") && !(tag.equals("input")
                    && VISIBLE_VALUE_TYPES.contains(attributes.getOrDefault("type", "").toLowerCase()))) {
                continue; // the value of a radio, checkbox, hidden field, option or button is data, never shown
            }
            problems.add(name + ": <" + tag + "> " + attribute + "=\"" + value + "\"");
        }
    }

    private static boolean hasLetters(String s) {
        return s.codePoints().anyMatch(Character::isLetter);
    }

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(root().resolve("admin-ui/src/main/resources").resolve(file))) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(root().resolve("admin-ui/src/main/resources/templates"))) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("admin-ui"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
