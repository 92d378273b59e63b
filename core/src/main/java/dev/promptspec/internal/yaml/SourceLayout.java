package dev.promptspec.internal.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.promptspec.problem.Position;
import dev.promptspec.problem.Problem;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Recognises two ways a prompt file gets mangled before it reaches us, so the author gets one sentence that
 * names the cause instead of a parser error far from it: plain text (a title, a description) pasted above a
 * {@code ---} line, and indentation flattened to column 0 by a copy, an export or a chat message.
 */
@API(status = INTERNAL, since = "0.1")
public final class SourceLayout {

    private static final Pattern DOCUMENT_START = Pattern.compile("^---(\\s.*)?$");
    /** A line that YAML could read as a key, a list item or a directive. */
    private static final Pattern YAML_LOOKING = Pattern.compile("^(%|- |-$|[^\\s#][^:]*:(\\s|$)|\"[^\"]*\"\\s*:|'[^']*'\\s*:|[\\[{])");
    private static final Pattern BLOCK_SCALAR_KEY = Pattern.compile("^(-\\s+)?([^\\s#][^:]*):\\s*[|>][-+0-9]*\\s*(#.*)?$");
    private static final Pattern EMPTY_KEY = Pattern.compile("^(-\\s+)?([A-Za-z_][\\w-]*):\\s*(#.*)?$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z_][\\w-]*):\\s+\\S.*$");
    /** Keys whose value is always a mapping in a prompt file: an empty one followed by a sibling key lost its indentation. */
    private static final Set<String> CONTAINER_KEYS = Set.of("metadata", "modelParameters", "model_parameters", "input", "vars",
            "string", "regex", "defaults", "llm");

    private SourceLayout() {
    }

    /**
     * Text lines before the first {@code ---} that are not YAML (a title and a description, typically).
     *
     * @param firstLine   1-based first line of the text
     * @param lastLine    1-based last line of the text
     * @param markerLine  1-based line of the {@code ---}
     * @param firstText   the first of those lines, trimmed
     */
    record Preamble(int firstLine, int lastLine, int markerLine, String firstText) {

        Problem problem(String file) {
            String lines = firstLine == lastLine ? "line " + firstLine + " is" : "lines " + firstLine + "-" + lastLine + " are";
            return Problem.error(new Position(file, firstLine, 1), lines + " not YAML: the file starts with text (\""
                    + shorten(firstText) + "\") before the '---' on line " + markerLine,
                    "Delete " + (firstLine == lastLine ? "it" : "them") + " or turn " + (firstLine == lastLine ? "it" : "them")
                            + " into comments with '# ' (a prompt file is one YAML mapping; put a title in 'name:' and prose in 'description:')");
        }

        /** {@code diagnosis} (of flattened indentation) with this prose named in its fix: one message for both. */
        Problem alsoIn(Problem diagnosis) {
            String lines = firstLine == lastLine ? "line " + firstLine + " (\"" + shorten(firstText) + "\") is"
                    : "lines " + firstLine + "-" + lastLine + " (\"" + shorten(firstText) + "\"...) are";
            return Problem.error(diagnosis.position(), diagnosis.message(), diagnosis.fix() + ". Also, " + lines
                    + " not YAML: delete the text before the '---' on line " + markerLine + " or turn it into comments with '# '"
                    + " (put a title in 'name:' and prose in 'description:')");
        }
    }

    /** The preamble, when every non-blank, non-comment line before the first {@code ---} is plain prose. */
    static Optional<Preamble> preamble(List<String> lines) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (DOCUMENT_START.matcher(line).matches()) {
                return first < 0 ? Optional.empty() : Optional.of(new Preamble(first + 1, last + 1, i + 1, lines.get(first).trim()));
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (YAML_LOOKING.matcher(line).find() || Character.isWhitespace(line.charAt(0))) {
                return Optional.empty();
            }
            if (first < 0) {
                first = i;
            }
            last = i;
        }
        return Optional.empty();
    }

    /**
     * When the file's first line of content is prose rather than YAML (a title pasted above the keys), the problem
     * saying so; the parser would otherwise complain about a later line.
     *
     * @param parserNote what the parser said, appended to the message
     */
    static Optional<Problem> leadingProse(List<String> lines, String file, String parserNote) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (DOCUMENT_START.matcher(line).matches() || YAML_LOOKING.matcher(line).find() || Character.isWhitespace(line.charAt(0))) {
                return Optional.empty();
            }
            return Optional.of(Problem.error(new Position(file, i + 1, 1), "line " + (i + 1) + " is not YAML: the file starts with"
                    + " text (\"" + shorten(t) + "\")" + (parserNote == null ? "" : " (the YAML parser stops at " + parserNote + ")"),
                    "Delete it or turn it into a comment with '# ' (put a title in 'name:')"));
        }
        return Optional.empty();
    }

    /**
     * A diagnosis when no line of the document is indented although its structure needs indentation: a block
     * scalar ({@code content: |}) followed by unindented text, or a key that always holds a mapping
     * ({@code metadata:}) followed by an unindented sibling key.
     *
     * @param parserNote what the parser said, appended to the message, or null
     */
    public static Optional<Problem> flattened(String text, String file, String parserNote) {
        List<String> lines = text.lines().toList();
        int start = preamble(lines).map(Preamble::markerLine).orElse(0);
        int contentLines = 0;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                return Optional.empty();
            }
            contentLines++;
        }
        if (contentLines < 3) {
            return Optional.empty();
        }
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            int next = nextContentLine(lines, i + 1);
            if (next < 0) {
                break;
            }
            Matcher block = BLOCK_SCALAR_KEY.matcher(line);
            if (block.matches() && !DOCUMENT_START.matcher(lines.get(next)).matches()) {
                return Optional.of(diagnosis(file, i + 1, "'" + line.strip() + "' is followed by unindented text at line "
                        + (next + 1), parserNote));
            }
            Matcher empty = EMPTY_KEY.matcher(line);
            if (empty.matches() && CONTAINER_KEYS.contains(empty.group(2)) && KEY_VALUE.matcher(lines.get(next)).matches()) {
                return Optional.of(diagnosis(file, i + 1, "'" + empty.group(2) + ":' has nothing indented under it", parserNote));
            }
        }
        return Optional.empty();
    }

    private static Problem diagnosis(String file, int line, String evidence, String parserNote) {
        return Problem.error(new Position(file, line, 1), evidence
                + ", and no line of this file is indented: its indentation looks flattened (lost in a copy, an export or a chat message)"
                + (parserNote == null ? "" : " (the YAML parser stops at " + parserNote + ")"),
                "YAML nests by indentation: indent the keys under their parent key, the other keys of each '- ' list item,"
                        + " and the text after 'content: |', by two spaces each level");
    }

    private static int nextContentLine(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
