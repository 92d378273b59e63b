package dev.promptspec.internal.util;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * PromptSpec's optional modules, by what they add: evaluator kinds and providers. One table, so that a prompt file
 * using a kind, or a run naming a provider, whose module is not on the class path is told which dependency to add
 * instead of "unknown".
 */
@API(status = INTERNAL, since = "0.1")
public final class OptionalModules {

    /** Evaluator kind → the module's Maven coordinates. */
    private static final Map<String, String> EVALUATOR_KINDS = Map.of("similar", "dev.promptspec:promptspec-similarity");
    /**
     * Provider id → the module's coordinates. An id that starts with the key counts ({@code ollama} for the module's
     * {@code ollama-container}), so a near miss still names the module.
     */
    private static final Map<String, String> PROVIDER_PREFIXES = Map.of("ollama", "dev.promptspec:promptspec-ollama");

    private OptionalModules() {
    }

    /** Every evaluator kind that an optional module provides. */
    public static Set<String> evaluatorKinds() {
        return EVALUATOR_KINDS.keySet();
    }

    /** The coordinates ({@code groupId:artifactId}) of the module that provides the evaluator kind, if one does. */
    public static Optional<String> forEvaluatorKind(String kind) {
        return Optional.ofNullable(EVALUATOR_KINDS.get(kind));
    }

    /** The coordinates of the module that provides the provider {@code id} (or one whose id it starts like), if one does. */
    public static Optional<String> forProvider(String id) {
        return PROVIDER_PREFIXES.entrySet().stream().filter(e -> id.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    /** The message for a file that uses an optional evaluator kind whose module ({@code coordinates}) is missing. */
    public static String missingKindMessage(String kind, String coordinates) {
        return "evaluator kind '" + kind + "' needs the " + artifactId(coordinates) + " module, which is not on the class path";
    }

    /** {@code promptspec-similarity} for {@code dev.promptspec:promptspec-similarity}. */
    public static String artifactId(String coordinates) {
        return coordinates.substring(coordinates.indexOf(':') + 1);
    }

    /** How to add the module to a Maven build. */
    public static String dependencyFix(String coordinates) {
        String[] ga = coordinates.split(":");
        return "Add the test dependency <groupId>" + ga[0] + "</groupId><artifactId>" + ga[1]
                + "</artifactId> (its version comes from the promptspec-bom)";
    }
}
