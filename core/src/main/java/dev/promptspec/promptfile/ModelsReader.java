package dev.promptspec.promptfile;

import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.problem.ProblemCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a prompt file's {@code models:}, the models each of its cases runs on (each run its own test): a list of
 * distinct model ids. A mistake is an error at the item or the key, and the file then names no models.
 */
final class ModelsReader {

    static final String KEY = "models";
    private static final String EXAMPLE = "models: [gpt-4o, gpt-4o-mini]";

    private ModelsReader() {
    }

    static List<String> read(Fields fields, ProblemCollector problems) {
        Optional<YamlList> list = fields.list(KEY);
        if (list.isEmpty()) {
            return List.of();
        }
        if (list.get().items().isEmpty()) {
            problems.error(list.get().position(), "'models' is empty", "Name each model the cases run on, e.g. " + EXAMPLE
                    + ", or delete the key to run them on the file's model");
            return List.of();
        }
        List<String> models = new ArrayList<>();
        boolean valid = true;
        for (YamlNode item : list.get().items()) {
            if (!(item instanceof YamlScalar s) || s.isNull() || s.text().isBlank()) {
                problems.error(item.position(), "each of 'models' must be a model id such as gpt-4o, not " + item.describe(),
                        "Write one id per item: " + EXAMPLE);
                valid = false;
            } else if (models.contains(s.text().trim())) {
                problems.error(item.position(), "'models' names " + s.text().trim() + " twice", "Name each model once");
                valid = false;
            } else {
                models.add(s.text().trim());
            }
        }
        return valid ? List.copyOf(models) : List.of();
    }
}
