package dev.promptspec.springai;

import dev.promptspec.jupiter.internal.Session;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

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

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ChatModel model && !(bean instanceof RecordedSpringAiChatModel)) {
            return new RecordedSpringAiChatModel(model, "ChatModel bean '" + beanName + "' (" + model.getClass().getSimpleName() + ")",
                    test -> session());
        }
        return bean;
    }
}
