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
     * a document changes only when the code does. In a canvas the first item of a list opens its table cell
     * ({@code |* …}): it is sorted with the others and the cell opens on whichever comes first.
     */
    private static void sortRuns(Path document, String item) throws IOException {
        List<String> sorted = new ArrayList<>();
        List<String> run = new ArrayList<>();
        boolean opensCell = false;
        for (String line : Files.readAllLines(document)) {
            boolean first = run.isEmpty() && line.startsWith("|" + item);
            if (first || !run.isEmpty() && line.startsWith(item)) {
                opensCell |= first;
                run.add(first ? line.substring(1) : line);
                continue;
            }
            flush(run, opensCell, sorted);
            opensCell = false;
            if (line.startsWith(item)) {
                run.add(line);
            } else {
                sorted.add(line);
            }
        }
        flush(run, opensCell, sorted);
        Files.write(document, sorted);
    }

    private static void flush(List<String> run, boolean opensCell, List<String> into) {
        run.sort(null);
        for (int i = 0; i < run.size(); i++) {
            into.add(i == 0 && opensCell ? "|" + run.get(i) : run.get(i));
        }
        run.clear();
    }
}
