package org.kohogateway.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages stay apart: no cycles, no reaching into another feature's internals, and no dependency a
 * module's {@code package-info.java} does not allow. The module diagrams and canvases in {@code docs/modules} are
 * written from the same model, so they show the code as it is.
 */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(GatewayApplication.class);
    private static final Path OUTPUT = Path.of("..", "docs", "modules");

    @Test
    void featurePackagesDependOnlyOnWhatTheyDeclare() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(OUTPUT.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (Stream<Path> documents = Files.list(OUTPUT)) {
            for (Path document : documents.toList()) {
                sortRuns(document, document.toString().endsWith(".puml") ? "Rel(" : "* ");
            }
        }
    }

    /**
     * The Documenter lists a diagram's relations and a canvas's types in no fixed order; each run of such lines sorted,
     * a document changes only when the code does.
     */
    private static void sortRuns(Path document, String item) throws IOException {
        List<String> lines = Files.readAllLines(document);
        List<String> sorted = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(item)) {
                run.add(line);
                continue;
            }
            run.sort(null);
            sorted.addAll(run);
            run.clear();
            sorted.add(line);
        }
        run.sort(null);
        sorted.addAll(run);
        Files.write(document, sorted);
    }
}
