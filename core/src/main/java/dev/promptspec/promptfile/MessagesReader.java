package dev.promptspec.promptfile;

import dev.promptspec.internal.template.Template;
import dev.promptspec.internal.util.Suggestions;
import dev.promptspec.internal.yaml.YamlList;
import dev.promptspec.internal.yaml.YamlMap;
import dev.promptspec.internal.yaml.YamlNode;
import dev.promptspec.internal.yaml.YamlScalar;
import dev.promptspec.model.Role;
import dev.promptspec.problem.Position;
import dev.promptspec.problem.ProblemCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code messages:}: a non-empty list of {@code role} + {@code content}. */
final class MessagesReader {

    private static final List<String> ROLES = List.of("system", "user", "assistant");

    private final ProblemCollector problems;

    MessagesReader(ProblemCollector problems) {
        this.problems = problems;
    }

    List<MessageTemplate> read(YamlMap root, Fields fields) {
        List<MessageTemplate> out = new ArrayList<>();
        Optional<YamlMap.Entry> entry = fields.entry("messages");
        if (entry.isEmpty()) {
            problems.error(root.position(), "the file has no 'messages'",
                    "Add messages: with at least one '- role: user' and its 'content'");
            return out;
        }
        Optional<YamlList> list = fields.list("messages");
        if (list.isEmpty()) {
            if (entry.get().value() instanceof YamlScalar s && s.isNull()) {
                problems.error(entry.get().keyPosition(), "'messages' is empty",
                        "Add at least one '- role: user' with its 'content', indented under messages:");
            }
            return out;
        }
        if (list.get().size() == 0) {
            problems.error(list.get().position(), "'messages' is empty", "Add at least one '- role: user' with its 'content'");
        }
        int index = 0;
        for (YamlNode item : list.get().items()) {
            index++;
            if (!(item instanceof YamlMap m)) {
                problems.error(item.position(), "message #" + index + " must be a mapping with 'role' and 'content', not "
                        + item.describe(), "Write it as '- role: user' with 'content: ...' on the next line, indented like 'role'");
                continue;
            }
            read(m, index).ifPresent(out::add);
        }
        return out;
    }

    private Optional<MessageTemplate> read(YamlMap m, int index) {
        Fields f = new Fields(m, problems, "message #" + index);
        f.checkKeys(Set.of("role", "content"), Set.of(), false, "A message has only 'role' and 'content' (the text goes under content:)");
        Optional<String> roleText = f.string("role");
        Optional<Role> role = roleText.flatMap(Role::parse);
        if (roleText.isEmpty()) {
            if (f.entry("role").isEmpty()) {
                problems.error(m.position(), "message #" + index + " has no 'role'", "Add role: system, user or assistant");
            }
        } else if (role.isEmpty()) {
            Position p = f.entry("role").map(e -> e.value().position()).orElse(m.position());
            problems.error(p, "unknown role '" + roleText.get() + "' in message #" + index + Suggestions.didYouMean(roleText.get(), ROLES),
                    "Use system, user or assistant");
        }
        Optional<YamlMap.Entry> contentEntry = f.entry("content");
        Optional<String> content = f.string("content");
        if (content.isEmpty()) {
            if (contentEntry.isEmpty()) {
                problems.error(m.position(), "message #" + index + " has no 'content'", "Add content: with the message text");
            } else if (contentEntry.get().value() instanceof YamlScalar) {
                problems.error(contentEntry.get().keyPosition(), "'content' of message #" + index + " is empty",
                        "Write the text after 'content:', or after 'content: |' on indented lines");
            }
            return Optional.empty();
        }
        if (role.isEmpty()) {
            return Optional.empty();
        }
        Position contentPosition = contentEntry.get().value().position();
        return Optional.of(new MessageTemplate(role.get(), Template.parse(content.get(), contentPosition), m.position()));
    }
}
