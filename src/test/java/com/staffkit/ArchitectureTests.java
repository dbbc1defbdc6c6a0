package com.staffkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

/**
 * The feature boundaries the code relies on: no cycles, no leaking entities or repositories, and no
 * feature reaching into another feature's database access. A feature is a top-level package under
 * {@code com.staffkit}; it is derived from the package name, so a new feature is covered without
 * being listed here.
 */
class ArchitectureTests {

    private static final String ROOT = "com.staffkit";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /**
     * {@code common} is the kernel every feature builds on, not a feature: its database-backed parts
     * (the rate-limit counters, the tenant repository base) are shared infrastructure with no
     * feature's data behind them, so features use them directly on purpose.
     */
    private static final String SHARED_KERNEL = "common";

    /** The ways a class reads or writes tables itself, rather than through another class. */
    private static final List<Class<?>> DATABASE_ACCESS =
            List.of(JdbcClient.class, JdbcOperations.class, NamedParameterJdbcOperations.class, EntityManager.class);

    /**
     * A class that touches the database directly: an entity, a Spring Data or {@code @Repository}
     * repository, or a class using a JDBC client or an entity manager.
     */
    private static final DescribedPredicate<JavaClass> TOUCHES_THE_DATABASE = DescribedPredicate.describe(
            "touches the database directly",
            javaClass -> javaClass.isAnnotatedWith(Entity.class)
                    || javaClass.isAnnotatedWith(org.springframework.stereotype.Repository.class)
                    || javaClass.isAssignableTo(Repository.class)
                    || javaClass.getDirectDependenciesFromSelf().stream()
                            .map(Dependency::getTargetClass)
                            .anyMatch(target -> DATABASE_ACCESS.stream().anyMatch(target::isAssignableTo)));

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

    /**
     * Another feature goes through a feature's public service or lookup, which returns records; the
     * classes that hold its SQL, repositories and entities are its own. Package-private classes are
     * out of reach anyway; this catches the public ones.
     */
    @Test
    void featuresReachNoOtherFeaturesDatabaseAccess() {
        classes()
                .that()
                .resideInAPackage(ROOT + "..")
                .should(reachNoOtherFeaturesDatabaseAccess())
                .check(CLASSES);
    }

    @Test
    void commonDependsOnNothingOutsideCommon() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".common..")
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..").and(resideOutsideOfPackage(ROOT + ".common..")))
                .check(CLASSES);
    }

    private static ArchCondition<JavaClass> reachNoOtherFeaturesDatabaseAccess() {
        return new ArchCondition<>(
                "depend on no class of another feature that " + TOUCHES_THE_DATABASE.getDescription()) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> targetFeature = featureOf(target);
                    boolean otherFeature = targetFeature.isPresent()
                            && !targetFeature.get().equals(SHARED_KERNEL)
                            && !targetFeature.equals(featureOf(origin));
                    if (otherFeature && TOUCHES_THE_DATABASE.test(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The top-level package under {@code com.staffkit} a class belongs to; none for the root package itself. */
    private static Optional<String> featureOf(JavaClass javaClass) {
        String packageName = javaClass.getPackageName();
        if (!packageName.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
