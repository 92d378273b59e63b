package dev.promptspec.internal.template;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.MissingVariableException;
import dev.promptspec.problem.Position;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A text with {@code {{variable}}} placeholders, parsed once. Rendering substitutes each placeholder in a
 * single pass, so a value that itself contains {@code {{...}}} is inserted literally and never expanded
 * again (a user's input must not be able to pull other variables into the prompt).
 *
 * <p>What sits between double braces decides what happens to it ({@link Placeholder.Kind}):
 * <ul>
 *   <li>a name ({@code {{topic}}}, {@code {{ topic }}}, {@code {{user.name}}}) is a variable: a test case must
 *       provide it, else rendering fails naming it;</li>
 *   <li>any other text without spaces ({@code {{input_FILES:facts.yml}}}) is filled when a test case has a key
 *       spelled exactly so (gh-models fills any key it finds), and otherwise stays as written;</li>
 *   <li>template-language syntax ({@code {{#if x}}}, {@code {{/if}}}, {@code {{> partial}}}, {@code {{ x | upper }}},
 *       {@code {% if %}}) is never evaluated and stays as written;</li>
 *   <li>Mustache's triple braces around a name ({@code {{{x}}}}) are read as gh-models reads them: the variable
 *       {@code {{x}}} between two literal braces, so the same file sends the same prompt under both tools.</li>
 * </ul>
 * Whatever stays as written is listed by {@link #placeholders()}, so the loader can warn at its line. Single
 * braces ({@code {issue_author}}, {@code {page: 26}}) are ordinary text.
 */
@API(status = INTERNAL, since = "0.1")
public final class Template {

    /** Text between double braces, or a Jinja statement. */
    static final Pattern BRACES = Pattern.compile("\\{\\{([^{}]*)}}|\\{%([^%]*)%}");
    /** A variable name as gh-models' own files and the wild use them. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final String source;
    private final Position position;
    private final List<Placeholder> placeholders;

    /**
     * One {@code {{...}}} (or {@code {%...%}}) of the text.
     *
     * @param raw    exactly as written, braces included
     * @param offset where it starts in the template's text
     * @param kind   what rendering does with it
     * @param name   the variable name (trimmed content) for variables, else the trimmed content
     * @param braced written inside a third pair of braces ({@code {{{x}}}}), which reach the model around the value
     */
    @API(status = INTERNAL, since = "0.1")
    public record Placeholder(String raw, int offset, Kind kind, String name, boolean braced) {

        /** What rendering does with a placeholder. */
        public enum Kind {
            /** A variable the test case must provide. */
            VARIABLE,
            /** Filled when the test case has a key spelled exactly so; otherwise sent as written. */
            OPTIONAL_VARIABLE,
            /** Template-language syntax that PromptSpec does not evaluate: always sent as written. */
            SYNTAX
        }

        /** Why it may reach the model as written, in words for a warning; empty for variables. */
        public String whyVerbatim() {
            return switch (kind) {
                case VARIABLE -> "";
                case OPTIONAL_VARIABLE -> "'" + name + "' is not a variable name (letters, digits, _ . -), so PromptSpec fills it"
                        + " only from a test-case key spelled exactly '" + name + "'";
                case SYNTAX -> "PromptSpec, like gh models, fills only {{variable}} placeholders and does not evaluate "
                        + (raw.startsWith("{%") ? "Jinja statements" : "Handlebars/Mustache syntax");
            };
        }
    }

    private Template(String source, Position position, List<Placeholder> placeholders) {
        this.source = source;
        this.position = position;
        this.placeholders = placeholders;
    }

    public static Template parse(String source, Position position) {
        List<Placeholder> found = new ArrayList<>();
        Matcher m = BRACES.matcher(source);
        while (m.find()) {
            if (m.group(2) != null) {
                found.add(new Placeholder(m.group(), m.start(), Placeholder.Kind.SYNTAX, m.group(2).trim(), false));
                continue;
            }
            String inner = m.group(1).trim();
            boolean tripleStash = m.start() > 0 && source.charAt(m.start() - 1) == '{' && m.end() < source.length()
                    && source.charAt(m.end()) == '}';
            Placeholder.Kind kind;
            if (inner.isEmpty() || "#/^!>&".indexOf(inner.charAt(0)) >= 0 || inner.equals("else")
                    || inner.chars().anyMatch(Character::isWhitespace)) {
                kind = Placeholder.Kind.SYNTAX;
            } else if (NAME.matcher(inner).matches()) {
                kind = Placeholder.Kind.VARIABLE;
            } else {
                kind = Placeholder.Kind.OPTIONAL_VARIABLE;
            }
            if (tripleStash && kind == Placeholder.Kind.SYNTAX) {
                found.add(new Placeholder("{" + m.group() + "}", m.start() - 1, kind, inner, false));
                continue;
            }
            found.add(new Placeholder(m.group(), m.start(), kind, inner, tripleStash));
        }
        return new Template(source, position, List.copyOf(found));
    }

    /** Every placeholder, in order. */
    public List<Placeholder> placeholders() {
        return placeholders;
    }

    /** Names of the variables a test case must provide, in order of first use. */
    public Set<String> variables() {
        return names(Placeholder.Kind.VARIABLE);
    }

    /** Names filled only when provided ({@link Placeholder.Kind#OPTIONAL_VARIABLE}), in order of first use. */
    public Set<String> optionalVariables() {
        return names(Placeholder.Kind.OPTIONAL_VARIABLE);
    }

    private Set<String> names(Placeholder.Kind kind) {
        Set<String> names = new LinkedHashSet<>();
        for (Placeholder p : placeholders) {
            if (p.kind() == kind) {
                names.add(p.name());
            }
        }
        return names;
    }

    public boolean uses(String variable) {
        return variables().contains(variable);
    }

    /**
     * Substitutes every variable.
     *
     * @throws MissingVariableException naming every required variable that has no value
     */
    public String render(Map<String, String> values) throws MissingVariableException {
        List<String> missing = new ArrayList<>();
        String out = substitute(values, missing);
        if (!missing.isEmpty()) {
            throw new MissingVariableException(missing, position);
        }
        return out;
    }

    /** Renders, leaving unknown placeholders as written (for display, never for what is sent). */
    public String renderLenient(Map<String, String> values) {
        return substitute(values, new ArrayList<>());
    }

    private String substitute(Map<String, String> values, List<String> missing) {
        if (placeholders.isEmpty()) {
            return source; // a message without variables (most system prompts): every case sends this very text
        }
        StringBuilder out = new StringBuilder(source.length() + 64);
        int last = 0;
        for (Placeholder p : placeholders) {
            out.append(source, last, p.offset());
            last = p.offset() + p.raw().length();
            String value = p.kind() == Placeholder.Kind.SYNTAX ? null : values.get(p.name());
            if (value != null) {
                out.append(value);
            } else {
                out.append(p.raw());
                if (p.kind() == Placeholder.Kind.VARIABLE && !missing.contains(p.name())) {
                    missing.add(p.name());
                }
            }
        }
        out.append(source, last, source.length());
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
