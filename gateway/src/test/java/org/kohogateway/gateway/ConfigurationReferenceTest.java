package org.kohogateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The table in docs/configuration.md is the configuration reference: every {@code gateway.*} property the gateway
 * reads — each field of a {@code @ConfigurationProperties} record (from the metadata the configuration processor
 * writes at compile time) and each {@code ${gateway.…}} placeholder in the code — has a row that names it. A row may
 * name several properties of one group, as in {@code `gateway.dispatch.backoff` / `max-backoff`}. And the README
 * stays a doorway: at most {@value #README_MAX_CHARACTERS} characters, the detail in docs/.
 */
class ConfigurationReferenceTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(gateway\\.[a-z0-9.-]+)");

    static final int README_MAX_CHARACTERS = 15_000;

    @Test
    void theConfigurationReferenceDocumentsEveryGatewayProperty() throws IOException {
        List<String> rows = Files.readAllLines(configurationReference(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| `")).toList();
        Set<String> properties = properties();
        assertThat(properties).as("the metadata and placeholders were found").hasSizeGreaterThan(40);

        List<String> undocumented = new ArrayList<>();
        for (String property : properties) {
            String group = property.substring(0, property.lastIndexOf('.') + 1);
            String name = property.substring(property.lastIndexOf('.') + 1);
            boolean documented = rows.stream().anyMatch(row -> row.contains("`" + property)
                    || (row.contains("`" + group) && Pattern.compile("`" + Pattern.quote(name) + "[`.]").matcher(row)
                            .find()));
            if (!documented) {
                undocumented.add(property);
            }
        }
        assertThat(undocumented).as("properties without a row in the table of docs/configuration.md").isEmpty();
    }

    @Test
    void theReadmeStaysADoorway() throws IOException {
        String readme = Files.readString(module().getParent().resolve("README.md"), StandardCharsets.UTF_8);
        // characters as `wc -m` counts them: code points, not UTF-16 units
        assertThat(readme.codePointCount(0, readme.length()))
                .as("README.md characters (wc -m); move detail into docs/ and link it").isLessThanOrEqualTo(
                        README_MAX_CHARACTERS);
    }

    private static Set<String> properties() throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream metadata = ConfigurationReferenceTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).as("spring-configuration-metadata.json (configuration processor)").isNotNull();
            JsonNode root = JsonMapper.builder().build().readTree(metadata);
            for (JsonNode property : root.get("properties")) {
                String name = property.get("name").asString();
                if (name.startsWith("gateway.")) {
                    names.add(name);
                }
            }
        }
        try (Stream<Path> sources = Files.walk(module().resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Path module() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("src/main/java")) ? here : here.resolve("gateway");
    }

    private static Path configurationReference() {
        return module().getParent().resolve("docs/configuration.md");
    }
}
