package dev.promptspec.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.config.Keys;
import org.apiguardian.api.API;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Every Spring AI {@code ChatModel} bean of the context behind PromptSpec's recordings, when {@value Keys#MODE} is set
 * (in {@code junit-platform.properties}, as a system property, or in the context's properties): an application's
 * {@code @SpringBootTest}s then replay offline with no change to their code. Each call is recorded for the test that
 * makes it, in {@code <recordings>/jupiter/<test class>.recordings.yml}.
 *
 * <p>Meant for tests: the module is a test dependency, so an application run never sees it. Beans are wrapped, not
 * subclassed: inject {@code ChatModel} (or {@code ChatClient.Builder}), not a provider's class such as
 * {@code OpenAiChatModel}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.ai.chat.model.ChatModel")
@Conditional(PromptSpecSpringAiAutoConfiguration.ModeIsSet.class)
@API(status = EXPERIMENTAL, since = "0.1")
public class PromptSpecSpringAiAutoConfiguration {

    /** Static: a bean post-processor is created before the other beans, which it wraps. */
    @Bean
    static RecordingChatModels promptSpecRecordingChatModels(Environment environment) {
        return new RecordingChatModels(environment);
    }

    /** Whether {@value Keys#MODE} is set where PromptSpec reads it. */
    static final class ModeIsSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader() : ModeIsSet.class.getClassLoader();
            return new SpringConfigSource(context.getEnvironment(), loader).modeIsSet();
        }
    }
}
