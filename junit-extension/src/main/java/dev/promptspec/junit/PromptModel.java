package dev.promptspec.junit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks the static, parameterless method of a {@link PromptSpec @PromptSpec} class that returns the
 * langchain4j {@code dev.langchain4j.model.chat.ChatModel} answering that class's prompts: Anthropic, Gemini,
 * Bedrock, Azure, a Spring bean... any langchain4j provider, instead of the run's configured endpoint. This is the way
 * to give PromptSpec a model in code; the run's provider is otherwise chosen by configuration ({@code promptspec.provider}).
 *
 * <pre>{@code
 * @PromptSpec("prompts/support")
 * class SupportPromptsOnClaudeTest {
 *
 *     @PromptModel
 *     static ChatModel claude() {
 *         return AnthropicChatModel.builder()
 *                 .apiKey(System.getenv("ANTHROPIC_API_KEY"))
 *                 .modelName("claude-sonnet-4-5")
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>The method is called once per run, when the run starts. Its model answers every prompt (and judge) call
 * of the class's files; requests and recordings carry its model name ({@link #model()}, else the one the
 * model reports) instead of the files'. Recordings, retries, rate limits, the budget and the run summary are
 * the run's, shared with every other class. Pass no {@code timeout} or retries to the model: PromptSpec's
 * apply ({@code promptspec.timeout}, {@code promptspec.retries}).
 */
@API(status = STABLE, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PromptModel {

    /**
     * The model id requests and recordings carry. Default: the model's own
     * {@code defaultRequestParameters().modelName()}. Set it when the method may fail where recordings are
     * replayed (for example without the provider's key in CI), so replays still find their recordings.
     */
    String model() default "";
}
