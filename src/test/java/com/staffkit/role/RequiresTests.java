package com.staffkit.role;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;

/** Endpoints name their permissions through {@link Requires}, so a misspelt permission cannot exist. */
class RequiresTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.staffkit");

    private static final Pattern AUTHORITY = Pattern.compile("hasAuthority\\('([^']*)'\\)");

    @Test
    void everyRequirementNamesOnlyCataloguedPermissions() {
        List<String> named = new ArrayList<>();
        for (Class<?> requirement : Requires.class.getDeclaredClasses()) {
            PreAuthorize rule = requirement.getAnnotation(PreAuthorize.class);
            assertThat(rule).as(requirement.getSimpleName()).isNotNull();
            Matcher authority = AUTHORITY.matcher(rule.value());
            int found = 0;
            while (authority.find()) {
                named.add(authority.group(1));
                found++;
            }
            assertThat(found).as(rule.value()).isPositive();
            assertThat(rule.value().replaceAll(AUTHORITY.pattern(), "").replace(" and ", ""))
                    .as("%s says nothing but hasAuthority(...) and ...", requirement.getSimpleName())
                    .isEmpty();
        }
        assertThat(Permissions.catalogue().keySet()).containsAll(named);
    }

    @Test
    void noEndpointSpellsItsPermissionAsText() {
        noMethods()
                .should()
                .beAnnotatedWith(PreAuthorize.class)
                .because("permissions are named through Requires, built from Permissions")
                .check(CLASSES);
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(Requires.class.getName())
                .and()
                .areNotAnnotations()
                .should()
                .beAnnotatedWith(PreAuthorize.class)
                .check(CLASSES);
    }
}
