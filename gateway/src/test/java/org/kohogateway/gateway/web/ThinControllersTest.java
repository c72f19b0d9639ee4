package org.kohogateway.gateway.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Pages and API bind, ask and render (issue 18, point 1): the rules about who may do what live in the domain, which
 * the controllers ask by name ({@code me.mayWritePosts()}, {@code post.mayEdit(me)}), and the person making a request
 * comes as a handler argument resolved once per request, never looked up again by the name of the principal.
 */
class ThinControllersTest {

    private static final JavaClasses CONTROLLERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kohogateway.gateway.web", "org.kohogateway.gateway.api");

    @Test
    void pagesAndApiDoNotCheckRolesThemselves() {
        noClasses().that().resideInAnyPackage("..gateway.web..", "..gateway.api..")
                .should().callMethod(Staff.class, "has", Role.class)
                .orShould().callMethod(Staff.class, "hasAny", Role[].class)
                .because("role checks are the domain's: ask Staff, PostPermissions or the use case by name")
                .check(CONTROLLERS);
    }

    @Test
    void pagesAndApiNameNoRole() {
        noClasses().that().resideInAnyPackage("..gateway.web..", "..gateway.api..")
                .should().accessFieldWhere(JavaFieldAccess.Predicates.target(
                        HasOwner.Predicates.With.owner(JavaClass.Predicates.equivalentTo(Role.class))))
                .because("a page that names a role decides who may do something (roles().contains(Role.ADMIN)); "
                        + "listing every role on the staff form needs no name (Role.values())")
                .check(CONTROLLERS);
    }

    @Test
    void pagesAndApiDoNotLookUpTheRequestingPersonByName() {
        noClasses().that().resideInAnyPackage("..gateway.web..", "..gateway.api..")
                .should().callMethod(StaffDirectory.class, "byUsername", String.class)
                .orShould().callMethod(StaffDirectory.class, "findByUsername", String.class)
                .because("the person making the request is a Staff handler argument, resolved once per request")
                .check(CONTROLLERS);
    }
}
