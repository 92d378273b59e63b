package dev.promptspec.promptfile;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.promptspec.problem.Position;
import org.apiguardian.api.API;

/**
 * A declared variable (the seed format's {@code variables:} list).
 *
 * @param defaultValue the value used when a test case does not give one, or null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record VariableDeclaration(String name, String description, boolean required, String defaultValue, Position position) {
}
