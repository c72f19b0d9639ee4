package org.kohogateway.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of the connectors is {@link NullMarked}: a type without {@code @Nullable} never holds null, so a
 * package added without a null-marked {@code package-info.java} fails here.
 */
class NullMarkedPackagesTest {

    @Test
    void everyMainPackageIsNullMarked() throws IOException, URISyntaxException {
        assertThat(mainPackages()).contains("org.kohogateway.connectors", "org.kohogateway.connectors.x")
                .allSatisfy(name -> assertThat(isNullMarked(name)).as("%s is @NullMarked", name).isTrue());
    }

    /** The packages of the compiled main classes, found on disk because a package the JVM has not loaded is unknown. */
    private static Set<String> mainPackages() throws IOException, URISyntaxException {
        Path classes = Path.of(PlatformConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file.getParent()).toString().replace(
                            file.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static boolean isNullMarked(String packageName) {
        try {
            return Class.forName(packageName + ".package-info").isAnnotationPresent(NullMarked.class);
        } catch (ClassNotFoundException noPackageInfo) {
            return false;
        }
    }
}
