package dev.promptspec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptspec.model.ChatMessage;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.model.Role;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The context evaluators read can grow: it is a final class that only PromptSpec builds, so a part added to it breaks
 * no evaluator (a record's canonical constructor and its deconstruction would break every caller).
 */
class EvaluationContextTest {

    @Test
    void callers_cannot_construct_or_deconstruct_it() {
        assertThat(EvaluationContext.class.isRecord()).isFalse();
        assertThat(Modifier.isFinal(EvaluationContext.class.getModifiers())).isTrue();
        assertThat(EvaluationContext.class.getConstructors()).as("public constructors").isEmpty();
    }

    @Test
    void parts_not_given_have_safe_defaults() {
        EvaluationContext context = EvaluationContext.builder("Your order 48213 shipped on 18 November.").build();

        assertThat(context.response()).isEqualTo("Your order 48213 shipped on 18 November.");
        assertThat(context.variables()).isEmpty();
        assertThatThrownBy(() -> context.judge().ask(null, List.of(new ChatMessage(Role.USER, "Grade it")), "grading"))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONFIGURATION))
                .hasMessage("no judge model is configured for this evaluation");
    }

    @Test
    void what_it_is_built_with_is_what_evaluators_read() {
        EvaluationContext context = EvaluationContext.builder("Order 48213 shipped.").variables(Map.of("orderId", "48213")).build();

        assertThat(context.variables()).containsExactly(Map.entry("orderId", "48213"));
        assertThat(context.toString()).isEqualTo("EvaluationContext[\"Order 48213 shipped.\", variables [orderId]]");
    }
}
