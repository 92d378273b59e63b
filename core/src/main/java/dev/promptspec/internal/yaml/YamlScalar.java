package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Position;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A scalar value. Its {@link #text()} is exactly what the document says (after YAML unescaping and
 * block folding); its {@link #type()} is what YAML 1.1's core resolution makes of it.
 */
@API(status = INTERNAL, since = "0.1")
public record YamlScalar(String text, Type type, Position position) implements YamlNode {

    public enum Type { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    public boolean isNull() {
        return type == Type.NULL;
    }

    public boolean isString() {
        return type == Type.STRING;
    }

    /** The value as a boolean, when it is one. */
    public Optional<Boolean> asBoolean() {
        if (type != Type.BOOLEAN) {
            return Optional.empty();
        }
        String t = text.toLowerCase(Locale.ROOT);
        return Optional.of(t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y"));
    }

    /** The value as a number, when it is an integer or a float. */
    public Optional<Double> asDouble() {
        if (type != Type.INTEGER && type != Type.FLOAT) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(text.replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value as an int, when it is an integer that fits. */
    public Optional<Integer> asInt() {
        if (type != Type.INTEGER) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case FLOAT -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "an empty value";
        };
    }
}
