package dev.promptspec.model;

import dev.promptspec.spec.Role;

/** A message as sent to the model, after templating. */
public record ChatMessage(Role role, String content) {
}
