package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Position;
import java.util.List;
import org.apiguardian.api.API;

/** A YAML sequence. */
@API(status = INTERNAL, since = "0.1")
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
