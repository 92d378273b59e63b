package dev.promptspec.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The {@code testData} of a prompt file as the arguments of a {@code @ParameterizedTest}: one invocation per entry,
 * named as the engine names the entry ({@code [1] wrong VAT}), given as a {@link PromptCase}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @PromptCases("prompts/cqrs-architect.prompt.yml")
 * void designs_follow_the_rules(PromptCase c, ChatModel model) {
 *     String answer = new ArchitectService(model).design(c.variable("system_requirements"));
 *     c.check(answer);
 * }
 * }</pre>
 *
 * <p>The file is loaded and validated as the engine does it, with the run's configuration: a file that cannot run fails
 * the parameterized test (its container) with every problem at {@code file:line:column}; an entry that cannot
 * (a required variable missing) fails its own invocation before the test's code runs. Brings {@link PromptSpecExtension}
 * with it, so the method may also take a {@code ChatModel}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ArgumentsSource(PromptCasesProvider.class)
@ExtendWith(PromptSpecExtension.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface PromptCases {

    /** The prompt file by its class-path name ({@code prompts/x.prompt.yml} for {@code src/test/resources/prompts/x.prompt.yml}). */
    String value();
}
