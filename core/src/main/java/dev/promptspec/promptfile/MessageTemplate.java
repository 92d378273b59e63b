package dev.promptspec.promptfile;

import dev.promptspec.internal.template.Template;
import dev.promptspec.model.Role;
import dev.promptspec.problem.Position;

/** One message of the prompt, before its variables are filled in. */
public record MessageTemplate(Role role, Template content, Position position) {
}
