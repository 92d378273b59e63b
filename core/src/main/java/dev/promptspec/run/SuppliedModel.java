package dev.promptspec.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.model.langchain.ChatModelClient;
import dev.promptspec.model.ModelClient;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A model the user's code supplies for some prompt files (for example a langchain4j {@code ChatModel} from a
 * factory method on a test class), used instead of the run's provider for those files' cases. Recordings,
 * rate limits, the budget and the summary stay the run's.
 *
 * @param description names the model's source in messages, for example {@code ClaudeTest.model()}
 * @param modelName   the model id it answers with, if it says: requests (and so recordings) carry this id
 *                    instead of the prompt file's
 * @param client      the model, one attempt per call; or the reason there is none
 */
@API(status = INTERNAL, since = "0.1")
public record SuppliedModel(String description, Optional<String> modelName, Supplier client) {

    /** Supplies the model's client, or says why there is none. */
    @API(status = INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface Supplier {
        ModelClient get() throws dev.promptspec.model.ModelCallException;
    }

    /** A langchain4j {@code ChatModel} the user's code built, answering through PromptSpec's chain. */
    public static SuppliedModel of(dev.langchain4j.model.chat.ChatModel model, String description, Optional<String> modelName) {
        return new SuppliedModel(description, modelName, () -> ChatModelClient.portable(model, description));
    }

    @Override
    public String toString() {
        return description;
    }
}
