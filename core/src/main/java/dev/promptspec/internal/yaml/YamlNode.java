package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Position;
import org.apiguardian.api.API;
/**
 * A node of a YAML document that remembers where it was written. The prompt file loader and every
 * evaluator read their configuration from these nodes, so each error can name file, line and column.
 */
@API(status = INTERNAL, since = "0.1")
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    Position position();

    /** What this node is, in the words an error message uses: "a mapping", "a list", "a string"... */
    String describe();
}
