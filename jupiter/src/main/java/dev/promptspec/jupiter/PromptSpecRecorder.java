package dev.promptspec.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.langchain4j.model.chat.ChatModel;
import java.util.Optional;
import org.apiguardian.api.API;

/** Puts PromptSpec's recordings in front of a model a test built itself. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PromptSpecRecorder {

    private PromptSpecRecorder() {
    }

    /**
     * {@code model} behind PromptSpec's recordings: each call is replayed or recorded (by {@code promptspec.mode}) for the
     * test running on the calling thread, which must be a test of a class extended with {@link PromptSpecExtension}.
     * Live calls go to {@code model} with the request as the application made it; PromptSpec's retries, timeout, rate
     * limits and budget apply, so build the model without retries of its own. The recordings carry the model's own id
     * (its default request parameters' model name), not {@code promptspec.model}.
     */
    public static ChatModel wrap(ChatModel model) {
        if (model == null) {
            throw new IllegalArgumentException("the model to wrap is null");
        }
        if (model instanceof RecordedChatModel) {
            return model;
        }
        return new RecordedChatModel(Optional::empty, model);
    }
}
