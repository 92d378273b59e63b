package dev.promptspec.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.internal.util.OptionalModules;
import org.junit.jupiter.api.Test;

/** Kinds of optional modules: known to core (message, fix, settings schema) whichever modules are present. */
class OptionalKindsTest {

    @Test
    void every_kind_of_the_module_table_has_its_settings_schema() {
        assertThat(OptionalKinds.kinds()).containsExactlyInAnyOrderElementsOf(OptionalModules.evaluatorKinds()).contains("similar");
        for (String kind : OptionalKinds.kinds()) {
            assertThat(OptionalKinds.settingsSchema(kind)).as(kind).hasValueSatisfying(s -> assertThat(s).contains("\"description\""));
        }
    }

    @Test
    void a_missing_module_is_named_with_how_to_add_it() {
        String module = OptionalKinds.moduleFor("similar").orElseThrow();
        assertThat(module).isEqualTo("dev.promptspec:promptspec-similarity");
        assertThat(OptionalModules.missingKindMessage("similar", module))
                .isEqualTo("evaluator kind 'similar' needs the promptspec-similarity module, which is not on the class path");
        assertThat(OptionalModules.dependencyFix(module)).isEqualTo("Add the test dependency <groupId>dev.promptspec</groupId>"
                + "<artifactId>promptspec-similarity</artifactId> (its version comes from the promptspec-bom)");
        assertThat(OptionalKinds.moduleFor("contains")).isEmpty();
    }
}
