package dev.promptspec.eval;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.internal.util.OptionalModules;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Evaluator kinds that live in optional PromptSpec modules, so that a file using one without the module gets
 * "add this dependency" rather than "unknown kind", and so that the prompt file schema describes every kind of
 * the product whichever modules are on the class path (an editor completes {@code similar:} before the module is
 * added). The module's factory publishes the same settings schema ({@link #settingsSchema}). Which module provides a
 * kind is {@link OptionalModules}' table, shared with optional providers.
 */
@API(status = INTERNAL, since = "0.1")
public final class OptionalKinds {

    /** The JSON Schema of each optional kind's settings (OptionalKindsTest: one for each kind of the table). */
    private static final Map<String, String> SETTINGS_SCHEMAS = Map.of("similar", """
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
            """);

    private OptionalKinds() {
    }

    /** Every optional kind. */
    public static Set<String> kinds() {
        return OptionalModules.evaluatorKinds();
    }

    /** The artifact that provides {@code kind}, when it is an optional kind. */
    public static Optional<String> moduleFor(String kind) {
        return OptionalModules.forEvaluatorKind(kind);
    }

    /** The settings schema of an optional kind, as its module's factory publishes it. */
    public static Optional<String> settingsSchema(String kind) {
        return Optional.ofNullable(SETTINGS_SCHEMAS.get(kind));
    }

}
