package dev.promptspec.junit;

import dev.langchain4j.model.chat.ChatModel;
import dev.promptspec.model.ModelCallException;
import dev.promptspec.run.SuppliedModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Finds and calls a class's {@link PromptModel} method. */
final class ClassModels {

    /**
     * A class's model: none (the run's provider answers), one, or a mistake in its declaration that fails
     * every case of the class.
     */
    record ClassModel(Optional<SuppliedModel> model, String problem) {
        static final ClassModel NONE = new ClassModel(Optional.empty(), null);

        static ClassModel invalid(String problem) {
            return new ClassModel(Optional.empty(), problem);
        }

        SuppliedModel modelOrNull() {
            return model.orElse(null);
        }
    }

    private ClassModels() {
    }

    /** Whether the class has a {@link PromptModel} method (usable or not), without calling it. */
    static boolean declares(Class<?> testClass) {
        return !AnnotationSupport.findAnnotatedMethods(testClass, PromptModel.class, HierarchyTraversalMode.TOP_DOWN).isEmpty();
    }

    static ClassModel resolve(Class<?> testClass) {
        List<Method> methods = AnnotationSupport.findAnnotatedMethods(testClass, PromptModel.class, HierarchyTraversalMode.TOP_DOWN);
        if (methods.isEmpty()) {
            return ClassModel.NONE;
        }
        if (methods.size() > 1) {
            return ClassModel.invalid(testClass.getName() + " has " + methods.size() + " @PromptModel methods ("
                    + methods.stream().map(m -> m.getName() + "()").collect(Collectors.joining(", ")) + "); keep one");
        }
        Method method = methods.get(0);
        String where = testClass.getSimpleName() + "." + method.getName() + "()";
        if (!Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
            return ClassModel.invalid("@PromptModel method " + where + " must be static and take no parameters, like"
                    + " 'static ChatModel " + method.getName() + "() { ... }'");
        }
        if (!ChatModel.class.isAssignableFrom(method.getReturnType())) {
            return ClassModel.invalid("@PromptModel method " + where + " must return a dev.langchain4j.model.chat.ChatModel,"
                    + " but returns " + method.getReturnType().getName());
        }
        String description = where + " (@PromptModel)";
        Optional<String> declared = Optional.of(method.getAnnotation(PromptModel.class).model()).filter(s -> !s.isBlank());
        ChatModel model;
        try {
            model = (ChatModel) ReflectionSupport.invokeMethod(method, null);
        } catch (RuntimeException | LinkageError e) {
            return failing(description, declared, description + " threw " + e);
        }
        if (model == null) {
            return failing(description, declared, description + " returned null");
        }
        Optional<String> name = declared.or(() -> modelNameOf(model));
        return new ClassModel(Optional.of(SuppliedModel.of(model, description, name)), null);
    }

    /** A factory that failed: replays can still work (with a declared name); live calls say why they cannot. */
    private static ClassModel failing(String description, Optional<String> name, String why) {
        return new ClassModel(Optional.of(new SuppliedModel(description, name, () -> {
            throw new ModelCallException(ModelCallException.Kind.CONFIGURATION, why, 0);
        })), null);
    }

    private static Optional<String> modelNameOf(ChatModel model) {
        try {
            return Optional.ofNullable(model.defaultRequestParameters()).map(p -> p.modelName()).filter(s -> !s.isBlank());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
