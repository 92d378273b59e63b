package dev.promptspec.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** A message as sent to the model, after templating. */
@API(status = EXPERIMENTAL, since = "0.1")
public record ChatMessage(Role role, String content) {
}
