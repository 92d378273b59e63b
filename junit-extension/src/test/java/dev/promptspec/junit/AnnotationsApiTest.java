package dev.promptspec.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/** The annotations users put on their test classes' methods are the stable way to add evaluators and models. */
class AnnotationsApiTest {

    @Test
    void prompt_evaluator_and_prompt_model_are_stable() {
        assertThat(PromptEvaluator.class.getAnnotation(API.class).status()).isEqualTo(API.Status.STABLE);
        assertThat(PromptModel.class.getAnnotation(API.class).status()).isEqualTo(API.Status.STABLE);
    }
}
