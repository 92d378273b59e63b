package dev.promptspec.template;

import dev.promptspec.yaml.Position;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{variable}}} placeholders, parsed once. Rendering substitutes each placeholder in a
 * single pass, so a value that itself contains {@code {{...}}} is inserted literally and never expanded
 * again (a user's input must not be able to pull other variables into the prompt).
 *
 * <p>Anything between double braces that is not a variable name (for example Handlebars blocks) is left
 * as written; single braces are ordinary text.
 */
public final class Template {

    /** {@code {{name}}} or {@code {{ name }}}; names as gh-models and the wild use them. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*}}");

    private final String source;
    private final Position position;
    private final List<Segment> segments;

    private sealed interface Segment permits Literal, Variable {
    }

    private record Literal(String text) implements Segment {
    }

    private record Variable(String name) implements Segment {
    }

    private Template(String source, Position position, List<Segment> segments) {
        this.source = source;
        this.position = position;
        this.segments = segments;
    }

    public static Template parse(String source, Position position) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                segments.add(new Literal(source.substring(last, m.start())));
            }
            segments.add(new Variable(m.group(1)));
            last = m.end();
        }
        if (last < source.length()) {
            segments.add(new Literal(source.substring(last)));
        }
        return new Template(source, position, List.copyOf(segments));
    }

    /** Variable names used, in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (Segment s : segments) {
            if (s instanceof Variable v) {
                names.add(v.name());
            }
        }
        return names;
    }

    public boolean uses(String variable) {
        return variables().contains(variable);
    }

    /**
     * Substitutes every placeholder.
     *
     * @throws MissingVariableException naming every variable that has no value
     */
    public String render(Map<String, String> values) throws MissingVariableException {
        List<String> missing = new ArrayList<>();
        StringBuilder out = new StringBuilder(source.length() + 64);
        for (Segment s : segments) {
            if (s instanceof Literal l) {
                out.append(l.text());
            } else {
                String name = ((Variable) s).name();
                String value = values.get(name);
                if (value == null) {
                    if (!missing.contains(name)) {
                        missing.add(name);
                    }
                } else {
                    out.append(value);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingVariableException(missing, position);
        }
        return out.toString();
    }

    /** Renders, leaving unknown placeholders as written (for display, never for what is sent). */
    public String renderLenient(Map<String, String> values) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        for (Segment s : segments) {
            if (s instanceof Literal l) {
                out.append(l.text());
            } else {
                String name = ((Variable) s).name();
                out.append(values.getOrDefault(name, "{{" + name + "}}"));
            }
        }
        return out.toString();
    }

    public String source() {
        return source;
    }

    public Position position() {
        return position;
    }

    @Override
    public String toString() {
        return source;
    }
}
