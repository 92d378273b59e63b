package dev.promptspec.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.jupiter.internal.RecordedTest;
import dev.promptspec.model.Redactor;
import org.apiguardian.api.API;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Spring AI's {@link ChatModel} behind PromptSpec's recordings, for a model a test builds itself. In a Spring Boot test,
 * nothing needs calling: with this module on the test class path and {@code promptspec.mode} set, every
 * {@code ChatModel} bean of the context is wrapped ({@link PromptSpecSpringAiAutoConfiguration}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptSpecSpringAi {

    private PromptSpecSpringAi() {
    }

    /**
     * {@code model} behind the recordings: each call (its messages, model and options, the answer with its token usage)
     * is replayed or recorded by {@code promptspec.mode}, in {@code <recordings>/jupiter/<test class>.recordings.yml},
     * for the test running on the calling thread, which must be a test of a class extended with
     * {@code PromptSpecExtension} (whose configuration, JUnit's {@code promptspec.*} parameters, applies).
     */
    public static ChatModel wrap(ChatModel model) {
        if (model == null) {
            throw new IllegalArgumentException("the model to wrap is null");
        }
        if (model instanceof RecordedSpringAiChatModel) {
            return model;
        }
        return new RecordedSpringAiChatModel(model, model.getClass().getSimpleName(), RecordedTest::session, Redactor::none);
    }
}
