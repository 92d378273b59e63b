package dev.promptspec.jupiter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * What users of promptspec-jupiter write against says its status; the types other modules share with it (package
 * {@code internal}) say they are not for users; no public signature of the user-facing package names an internal type.
 */
class ApiTest {

    private static final JavaClasses JUPITER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.promptspec.jupiter");

    @Test
    void every_public_type_says_its_status() {
        classes().that().arePublic().and().areTopLevelClasses().should().beAnnotatedWith(API.class).check(JUPITER);
    }

    @Test
    void the_shared_internals_are_internal() {
        classes().that().arePublic().and().areTopLevelClasses().and().resideInAPackage("dev.promptspec.jupiter.internal..")
                .should().beAnnotatedWith(DescribedPredicate.describe("@API(status = INTERNAL)",
                        a -> a.getRawType().isEquivalentTo(API.class)
                                && a.get("status").map(s -> s.toString().endsWith("INTERNAL")).orElse(false)))
                .check(JUPITER);
    }

    @Test
    void user_facing_signatures_name_no_internal_type() {
        codeUnits().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("dev.promptspec.jupiter")
                .and().areDeclaredInClassesThat().arePublic()
                .should(nameNoInternalType()).check(JUPITER);
    }

    private static ArchCondition<JavaCodeUnit> nameNoInternalType() {
        return new ArchCondition<>("name no internal type") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                java.util.List<JavaClass> named = new java.util.ArrayList<>(unit.getRawParameterTypes());
                named.add(unit.getRawReturnType());
                for (JavaClass type : named) {
                    if (type.getPackageName().contains(".internal")) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " names " + type.getName()));
                    }
                }
            }
        };
    }
}
