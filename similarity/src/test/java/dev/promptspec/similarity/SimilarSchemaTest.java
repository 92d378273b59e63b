package dev.promptspec.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptspec.eval.EvaluatorRegistry;
import dev.promptspec.schema.PromptFileSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed prompt file schema is generated in core, where this module is absent, from the copy of this kind's
 * settings schema that core keeps; with the module on the class path the same schema comes out.
 */
class SimilarSchemaTest {

    @Test
    void the_committed_schema_is_also_what_this_module_generates() throws IOException {
        EvaluatorRegistry registry = EvaluatorRegistry.load(getClass().getClassLoader());
        assertThat(registry.factory("similar")).get().isInstanceOf(SimilarEvaluatorFactory.class);
        assertThat(PromptFileSchema.generate(registry)).isEqualTo(Files.readString(Path.of("../schema/prompt.schema.json")));
    }
}
