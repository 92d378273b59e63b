package dev.promptspec.internal.yaml;

import dev.promptspec.problem.Position;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Finds the alias that crossed the alias limit. SnakeYAML's composer stops there without a position; replaying the
 * parser's events (no nodes are built, so no alias is expanded) finds it, counting as the composer does: aliases to
 * lists and mappings count, aliases to scalars do not.
 */
final class AliasLimit {

    /** The alias that crossed the limit: its number, its name and where it is written. */
    record Crossing(int number, String anchor, Position position) {
    }

    private AliasLimit() {
    }

    /** The first alias to a collection beyond {@code max} in {@code text}, if the text has one. */
    static Optional<Crossing> crossing(String text, int max, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(text.length() + 1, 1));
        Map<String, Boolean> isCollection = new HashMap<>();
        int count = 0;
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof AliasEvent alias) {
                    if (isCollection.getOrDefault(alias.getAnchor(), false) && ++count > max) {
                        return Optional.of(new Crossing(count, alias.getAnchor(), YamlReader.position(file, alias.getStartMark())));
                    }
                } else if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    // an anchor defined again names its latest node, as in the composer
                    isCollection.put(node.getAnchor(), event instanceof CollectionStartEvent);
                }
            }
        } catch (YAMLException e) {
            // a syntax error further on: the composer stopped before it, at an alias already counted, or never got there
        }
        return Optional.empty();
    }
}
