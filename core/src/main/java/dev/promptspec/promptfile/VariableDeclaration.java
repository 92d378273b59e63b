package dev.promptspec.promptfile;

import dev.promptspec.problem.Position;

/**
 * A declared variable (the seed format's {@code variables:} list).
 *
 * @param defaultValue the value used when a test case does not give one, or null
 */
public record VariableDeclaration(String name, String description, boolean required, String defaultValue, Position position) {
}
