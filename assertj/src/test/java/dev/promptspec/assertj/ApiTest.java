package dev.promptspec.assertj;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/** What users of promptspec-assertj write against says its status, and the assertions use only core's public API. */
class ApiTest {

    private static final JavaClasses ASSERTJ = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.promptspec.assertj");

    @Test
    void every_public_type_says_its_status() {
        classes().that().arePublic().should().beAnnotatedWith(API.class).check(ASSERTJ);
    }

    @Test
    void the_assertions_use_no_implementation_package_of_core() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.promptspec.internal..").check(ASSERTJ);
    }
}
