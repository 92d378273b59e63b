package dev.promptspec.junit;

import dev.promptspec.eval.EvaluationContext;
import dev.promptspec.eval.Evaluator;
import dev.promptspec.eval.NamedEvaluators;
import dev.promptspec.eval.Verdict;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link PromptEvaluator} methods of a {@code @PromptSpec} class and its superclasses, as named evaluators.
 * A subclass's method hides a superclass's of the same name. Methods that cannot be used are remembered
 * with the reason, so {@code uses: java:x} says why, and are reported as discovery issues at the method.
 */
final class MethodEvaluators {

    /** A problem with one annotated method. */
    record Issue(Method method, String message) {
    }

    /** What a class provides. */
    record Found(NamedEvaluators evaluators, List<Issue> issues) {
    }

    private static final String SIGNATURES = "use static boolean NAME(String response) or static Verdict NAME(EvaluationContext context)";

    private MethodEvaluators() {
    }

    static Found of(Class<?> testClass) {
        NamedEvaluators.Builder b = NamedEvaluators.builder();
        List<Issue> issues = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            Set<String> declaredHere = new HashSet<>();
            for (Method m : sorted(c.getDeclaredMethods())) {
                PromptEvaluator a = m.getAnnotation(PromptEvaluator.class);
                if (a == null) {
                    if (Modifier.isStatic(m.getModifiers()) && supported(m) && !m.isSynthetic()) {
                        b.unusable(m.getName(), "static method " + describe(m) + " is not annotated @PromptEvaluator");
                    }
                    continue;
                }
                String name = a.value().isBlank() ? m.getName() : a.value().strip();
                if (seen.contains(name) && !declaredHere.contains(name)) {
                    continue; // hidden by a subclass's evaluator of the same name
                }
                String problem = problem(m);
                if (problem != null) {
                    issues.add(new Issue(m, "@PromptEvaluator " + describe(m) + " cannot be used: " + problem));
                    b.unusable(name, describe(m) + " " + problem);
                    seen.add(name);
                    declaredHere.add(name);
                    continue;
                }
                if (!declaredHere.add(name)) {
                    issues.add(new Issue(m, "two @PromptEvaluator methods of " + c.getName() + " are named '" + name
                            + "'; java:" + name + " uses the first"));
                    continue;
                }
                seen.add(name);
                if (!NamedEvaluators.VALID_NAME.matcher(name).matches()) {
                    issues.add(new Issue(m, "@PromptEvaluator(\"" + name + "\") on " + describe(m)
                            + " is not a name YAML can reference after java: (use letters, digits, _, - and .)"));
                    continue;
                }
                Set<String> reads = new LinkedHashSet<>();
                for (String variable : a.reads()) {
                    if (!variable.isBlank()) {
                        reads.add(variable.strip());
                    }
                }
                if (!reads.isEmpty() && m.getParameterTypes()[0] == String.class) {
                    issues.add(new Issue(m, "@PromptEvaluator " + describe(m) + " declares reads = " + reads + " but takes only the"
                            + " response, so it reads no variable; take an EvaluationContext to read them, or remove 'reads'"));
                }
                m.trySetAccessible();
                b.add(name, new MethodEvaluator(m, Set.copyOf(reads)), "static method " + describe(m));
            }
        }
        return new Found(b.build(), issues);
    }

    private static Method[] sorted(Method[] methods) {
        // getDeclaredMethods has no defined order; sort so that "the first" of two is stable
        java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        return methods;
    }

    private static String problem(Method m) {
        if (!Modifier.isStatic(m.getModifiers())) {
            return "it is not static (PromptSpec never creates instances of the test class); make it static";
        }
        if (!supported(m)) {
            return "its signature is " + m.getReturnType().getSimpleName() + " " + m.getName() + "("
                    + String.join(", ", java.util.Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList()) + "); "
                    + SIGNATURES.replace("NAME", m.getName());
        }
        return null;
    }

    private static boolean supported(Method m) {
        Class<?>[] p = m.getParameterTypes();
        Class<?> r = m.getReturnType();
        return p.length == 1 && (p[0] == String.class || p[0] == EvaluationContext.class)
                && (r == boolean.class || r == Boolean.class || r == Verdict.class);
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }

    /**
     * Calls the method; its exceptions become the check's failure (with their stack trace) in the caller.
     *
     * @param reads the test-case variables the method declares it reads ({@link PromptEvaluator#reads()})
     */
    private record MethodEvaluator(Method method, Set<String> reads) implements Evaluator {

        @Override
        public Set<String> variablesUsed() {
            return reads;
        }

        @Override
        public Verdict evaluate(EvaluationContext context) throws Exception {
            boolean takesContext = method.getParameterTypes()[0] == EvaluationContext.class;
            Object result;
            try {
                result = method.invoke(null, takesContext ? context : context.response());
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
            if (result instanceof Verdict v) {
                return v;
            }
            String call = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + (takesContext ? "context" : "response") + ")";
            if (result == null) {
                // Not a verdict: an error, so that not: cannot turn it into a pass.
                throw new IllegalStateException(call + " returned null; return true or false, or a Verdict");
            }
            return Boolean.TRUE.equals(result) ? Verdict.pass(call + " returned true") : Verdict.fail(call + " returned false");
        }
    }
}
