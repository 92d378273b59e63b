package dev.promptspec.springai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/** What users of promptspec-spring-ai (and Spring, which loads its listener and auto-configuration) see says its status. */
class ApiTest {

    private static final JavaClasses SPRING_AI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.promptspec.springai");

    @Test
    void every_public_type_says_its_status() {
        classes().that().arePublic().and().areTopLevelClasses().should().beAnnotatedWith(API.class).check(SPRING_AI);
    }
}
