package dev.promptspec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.promptspec.config.RunConfig;
import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.EvaluatorDefinition;
import dev.promptspec.eval.EvaluatorFactory;
import dev.promptspec.eval.EvaluatorSettings;
import dev.promptspec.eval.SettingTemplate;
import dev.promptspec.eval.SettingValue;
import dev.promptspec.model.provider.ModelProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The shape of core: packages depend on each other in one direction only, and what users and plug-ins may rely on is
 * said by {@code @API} and does not expose implementation types.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.promptspec");


    /** A public type whose {@code @API} status is not INTERNAL: what users and plug-ins write against. */
    private static final DescribedPredicate<JavaClass> PUBLISHED = DescribedPredicate.describe("published (@API, not INTERNAL)",
            c -> c.getModifiers().contains(JavaModifier.PUBLIC) && status(c.tryGetAnnotationOfType(API.class)) != API.Status.INTERNAL
                    && c.isAnnotatedWith(API.class));

    @Test
    void no_package_depends_on_itself_through_another() {
        slices().matching("dev.promptspec.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void every_public_type_says_its_status() {
        classes().that().arePublic().and().areTopLevelClasses().should().beAnnotatedWith(API.class).check(CORE);
    }

    /** Implementation packages are public only for core's other packages: nothing in them is for users. */
    @Test
    void every_public_type_of_an_internal_package_is_internal() {
        classes().that().arePublic().and().areTopLevelClasses().and().resideInAPackage("dev.promptspec.internal..")
                .should(haveStatus(API.Status.INTERNAL)).check(CORE);
    }

    /** The evaluator SPI once took YAML nodes: no published signature may name an implementation type again. */
    @Test
    void published_signatures_name_no_internal_type() {
        codeUnits().that().arePublic().and().areDeclaredInClassesThat(PUBLISHED)
                .and(DescribedPredicate.describe("not INTERNAL themselves", (JavaCodeUnit m) -> status(m.tryGetAnnotationOfType(API.class))
                        != API.Status.INTERNAL))
                .should(nameNoInternalType()).check(CORE);
    }

    @Test
    void the_evaluator_spi_is_experimental_and_the_context_stable() {
        for (Class<?> spi : List.of(EvaluatorFactory.class, EvaluatorDefinition.class, EvaluatorSettings.class, SettingValue.class,
                SettingTemplate.class, ModelProviderFactory.class)) {
            assertThat(spi.getAnnotation(API.class).status()).as(spi.getSimpleName()).isEqualTo(API.Status.EXPERIMENTAL);
        }
        assertThat(EvaluationContext.class.getAnnotation(API.class).status()).isEqualTo(API.Status.STABLE);
    }

    /** Users supply a model with @PromptModel; a client given in code to the run is for PromptSpec's own tests. */
    @Test
    void a_client_given_to_the_run_in_code_is_internal() throws Exception {
        assertThat(RunConfig.class.getMethod("withCustomClient", dev.promptspec.model.ModelClient.class).getAnnotation(API.class).status())
                .isEqualTo(API.Status.INTERNAL);
        assertThat(RunConfig.class.getMethod("customClient").getAnnotation(API.class).status()).isEqualTo(API.Status.INTERNAL);
    }

    private static API.Status status(Optional<API> api) {
        return api.map(API::status).orElse(null);
    }

    private static ArchCondition<JavaClass> haveStatus(API.Status expected) {
        return new ArchCondition<>("have @API(status = " + expected + ")") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                API.Status actual = status(type.tryGetAnnotationOfType(API.class));
                if (actual != expected) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " is " + actual));
                }
            }
        };
    }

    private static ArchCondition<JavaCodeUnit> nameNoInternalType() {
        return new ArchCondition<>("name no type of dev.promptspec.internal") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> named = new ArrayList<>(unit.getRawParameterTypes());
                named.add(unit.getRawReturnType());
                named.addAll(unit.getExceptionTypes());
                for (JavaClass type : named) {
                    if (type.getPackageName().startsWith("dev.promptspec.internal")) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " names " + type.getName()));
                    }
                }
            }
        };
    }
}
