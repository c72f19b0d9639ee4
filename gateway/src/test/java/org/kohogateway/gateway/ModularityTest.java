package org.kohogateway.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
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
        try (Stream<Path> diagrams = Files.list(OUTPUT)) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".puml")).toList()) {
                sortRelations(diagram);
            }
        }
    }

    /** The Documenter lists a diagram's relations in no fixed order; sorted, a diagram changes only with the code. */
    private static void sortRelations(Path diagram) throws IOException {
        List<String> lines = Files.readAllLines(diagram);
        List<String> relations = lines.stream().filter(l -> l.startsWith("Rel(")).sorted().toList();
        Iterator<String> sorted = relations.iterator();
        Files.write(diagram, lines.stream().map(l -> l.startsWith("Rel(") ? sorted.next() : l).toList());
    }
}
