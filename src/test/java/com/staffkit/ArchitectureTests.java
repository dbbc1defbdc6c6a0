package com.staffkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The feature boundaries the code relies on: no cycles, no leaking entities or repositories. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.staffkit");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("com.staffkit.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void entitiesStayInsideTheirFeature() {
        classes()
                .that()
                .areAnnotatedWith(Entity.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(CLASSES);
    }

    @Test
    void repositoriesStayInsideTheirFeature() {
        classes()
                .that()
                .areAssignableTo(Repository.class)
                .and()
                .areNotAnnotatedWith(NoRepositoryBean.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(CLASSES);
    }

    @Test
    void controllersNeverTouchRepositories() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Repository.class)
                .check(CLASSES);
    }

    @Test
    void commonDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("com.staffkit.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.staffkit.staff..",
                        "com.staffkit.auth..",
                        "com.staffkit.role..",
                        "com.staffkit.organization..")
                .check(CLASSES);
    }
}
