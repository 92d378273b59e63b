package dev.promptspec.model;


/** A message as sent to the model, after templating. */
public record ChatMessage(Role role, String content) {
}
