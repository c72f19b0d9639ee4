package org.kohogateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of the gateway is {@link NullMarked}: a type without {@code @Nullable} never holds null, so a package
 * added without a null-marked {@code package-info.java} fails here.
 */
class NullMarkedPackagesTest {

    @Test
    void everyMainPackageIsNullMarked() throws URISyntaxException {
        Path mainClasses = Path.of(GatewayApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<JavaPackage> packages = new ClassFileImporter().importPath(mainClasses).stream().map(JavaClass::getPackage)
                .collect(Collectors.toSet());

        assertThat(packages).extracting(JavaPackage::getName).contains(GatewayApplication.class.getPackageName());
        assertThat(packages).allSatisfy(javaPackage -> assertThat(javaPackage.isAnnotatedWith(NullMarked.class))
                .as("%s is @NullMarked", javaPackage.getName()).isTrue());
    }
}
