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
 * The README's Configuration table is the configuration reference: every {@code gateway.*} property the gateway
 * reads — each field of a {@code @ConfigurationProperties} record (from the metadata the configuration processor
 * writes at compile time) and each {@code ${gateway.…}} placeholder in the code — has a row that names it. A row may
 * name several properties of one group, as in {@code `gateway.dispatch.backoff` / `max-backoff`}.
 */
class ConfigurationReferenceTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(gateway\\.[a-z0-9.-]+)");

    @Test
    void theReadmeDocumentsEveryGatewayProperty() throws IOException {
        List<String> rows = Files.readAllLines(readme(), StandardCharsets.UTF_8).stream()
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
        assertThat(undocumented).as("properties without a row in the README's Configuration table").isEmpty();
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

    private static Path readme() {
        return module().getParent().resolve("README.md");
    }
}
