package dev.promptspec.eval;

import java.util.Map;
import java.util.Optional;

/**
 * Evaluator kinds that live in optional PromptSpec modules, so that a file using one without the module gets
 * "add this dependency" rather than "unknown kind".
 */
public final class OptionalKinds {

    /** Kind → the Maven artifact that provides it. */
    private static final Map<String, String> MODULES = Map.of("similar", "dev.promptspec:promptspec-similarity");

    private OptionalKinds() {
    }

    /** The artifact that provides {@code kind}, when it is an optional kind. */
    public static Optional<String> moduleFor(String kind) {
        return Optional.ofNullable(MODULES.get(kind));
    }

    /** The message for a file that uses an optional kind whose module is missing. */
    public static String missingModuleMessage(String kind, String artifact) {
        return "evaluator kind '" + kind + "' needs the " + artifact.substring(artifact.indexOf(':') + 1)
                + " module, which is not on the class path";
    }

    public static String missingModuleFix(String artifact) {
        String[] ga = artifact.split(":");
        return "Add the test dependency <groupId>" + ga[0] + "</groupId><artifactId>" + ga[1]
                + "</artifactId> (its version comes from the promptspec-bom)";
    }
}
