package dev.promptspec.spec;

import dev.promptspec.template.Template;
import dev.promptspec.yaml.Position;

/** One message of the prompt, before its variables are filled in. */
public record MessageTemplate(Role role, Template content, Position position) {
}
