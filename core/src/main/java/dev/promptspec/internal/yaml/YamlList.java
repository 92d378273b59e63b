package dev.promptspec.internal.yaml;

import dev.promptspec.problem.Position;
import java.util.List;

/** A YAML sequence. */
public record YamlList(List<YamlNode> items, Position position) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    @Override
    public String describe() {
        return "a list";
    }
}
