package dev.promptspec.springai;

import dev.promptspec.jupiter.internal.Session;
import dev.promptspec.model.Redactor;
import dev.promptspec.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Wraps each {@link ChatModel} bean of a context in the recordings, and holds the context's PromptSpec session (its
 * configuration, read when the first call is made, so that every property source of the test is in place).
 */
final class RecordingChatModels implements BeanPostProcessor {

    private final Environment environment;
    private volatile Session session;

    RecordingChatModels(Environment environment) {
        this.environment = environment;
    }

    Session session() {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                if (session == null) {
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    session = Session.of(new SpringConfigSource(environment, loader != null ? loader : getClass().getClassLoader()));
                }
                s = session;
            }
        }
        return s;
    }

    /** Hides the values of the context's credential properties ({@code spring.ai.openai.api-key}...) in messages. */
    Redactor redactor() {
        List<Secret> secrets = new ArrayList<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String property : enumerable.getPropertyNames()) {
                        if (isCredential(property)) {
                            try {
                                secrets.add(Secret.ofNullable(environment.getProperty(property)));
                            } catch (IllegalArgumentException unresolvable) {
                                // a placeholder with no value: nothing to hide
                            }
                        }
                    }
                }
            }
        }
        return new Redactor(secrets);
    }

    private static boolean isCredential(String property) {
        String p = property.toLowerCase(Locale.ROOT).replace("_", "-");
        return p.contains("api-key") || p.contains("apikey") || p.endsWith("token") || p.endsWith("secret") || p.endsWith("password");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChatModel model && !(bean instanceof RecordedSpringAiChatModel)) {
            return new RecordedSpringAiChatModel(model, "ChatModel bean '" + beanName + "' (" + model.getClass().getSimpleName() + ")",
                    test -> session(), this::redactor);
        }
        return bean;
    }
}
