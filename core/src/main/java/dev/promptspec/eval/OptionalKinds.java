package dev.promptspec.eval;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluator kinds that live in optional PromptSpec modules, so that a file using one without the module gets
 * "add this dependency" rather than "unknown kind", and so that the prompt file schema describes every kind of
 * the product whichever modules are on the class path (an editor completes {@code similar:} before the module is
 * added). The module's factory publishes the same settings schema ({@link #settingsSchema}).
 */
public final class OptionalKinds {

    /** One optional kind: the Maven artifact that provides it and the JSON Schema of its settings. */
    private record Kind(String artifact, String settingsSchema) {
    }

    private static final Map<String, Kind> KINDS = Map.of("similar", new Kind("dev.promptspec:promptspec-similarity", """
            {
              "description": "Offline similarity of meaning: cosine similarity of all-MiniLM-L6-v2 sentence embeddings of the response and a reference, computed in-process (no network, no key). Needs the promptspec-similarity module. Either the reference itself (similar: \\"{{expected}}\\", threshold 0.7) or a mapping. PromptSpec extension.",
              "anyOf": [
                {"type": "string", "description": "The reference text, usually \\"{{expected}}\\"; the threshold is 0.7."},
                {
                  "type": "object",
                  "required": ["to"],
                  "properties": {
                    "to": {"type": "string", "description": "The reference text; may use {{variables}}, usually \\"{{expected}}\\"."},
                    "threshold": {"type": "number", "minimum": 0, "maximum": 1, "description": "The lowest passing similarity, 0 to 1 (default 0.7; paraphrases typically score 0.7 to 0.9)."}
                  },
                  "additionalProperties": false
                }
              ]
            }
            """));

    private OptionalKinds() {
    }

    /** Every optional kind. */
    public static Set<String> kinds() {
        return KINDS.keySet();
    }

    /** The artifact that provides {@code kind}, when it is an optional kind. */
    public static Optional<String> moduleFor(String kind) {
        return Optional.ofNullable(KINDS.get(kind)).map(Kind::artifact);
    }

    /** The settings schema of an optional kind, as its module's factory publishes it. */
    public static Optional<String> settingsSchema(String kind) {
        return Optional.ofNullable(KINDS.get(kind)).map(Kind::settingsSchema);
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
