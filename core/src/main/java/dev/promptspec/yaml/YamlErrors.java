package dev.promptspec.yaml;

import dev.promptspec.problem.Problem;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Rewrites SnakeYAML's parser messages into a position, a plain message and a fix. */
final class YamlErrors {

    private YamlErrors() {
    }

    static Problem fromMarked(String file, String text, MarkedYAMLException e) {
        Position pos = YamlReader.position(file, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : e.getContext().trim();
        if (e.getContextMark() != null) {
            Optional<Problem> specific = unindentedBlock(file, text, problem, e.getContextMark().getLine())
                    .or(() -> unclosedQuote(file, problem, context, e.getContextMark()));
            if (specific.isPresent()) {
                return specific.get();
            }
        }
        String message = "invalid YAML: " + problem
                + (context.isEmpty() || e.getContextMark() == null ? ""
                        : " (" + context + " at line " + (e.getContextMark().getLine() + 1) + ")");
        return Problem.error(pos, message, fixFor(problem));
    }

    static Problem fromUnmarked(String file, YAMLException e) {
        String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("number of aliases")) {
            return Problem.error(Position.of(file), "too many aliases (*ref) in the document: " + msg,
                    "Files with many aliases are how 'billion laughs' attacks work; use fewer, or raise promptspec.limits.max-aliases");
        }
        if (lower.contains("code points") || lower.contains("exceeds the limit")) {
            return Problem.error(Position.of(file), "the document is too large: " + msg,
                    "Raise promptspec.limits.max-file-bytes");
        }
        if (lower.contains("nesting depth")) {
            return Problem.error(Position.of(file), "nesting is too deep: " + msg, "Raise promptspec.limits.max-depth");
        }
        return Problem.error(Position.of(file), "invalid YAML: " + msg, "");
    }

    /** {@code key: |} followed by a line that starts at or left of the key's column. */
    private static final Pattern BLOCK_HEADER = Pattern.compile("^(\\s*)(?:-\\s+)?([^\\s#:'\"][^:#]*?):\\s*[|>][-+0-9]*\\s*(?:#.*)?$");

    /**
     * The text of a block ({@code content: |}) that is not indented under its key: YAML ends the block at
     * once and reads the text as keys, and SnakeYAML then complains one line later about a missing ':'.
     * Files copied from pages that strip indentation look exactly like this, so name the real cause.
     */
    private static Optional<Problem> unindentedBlock(String file, String text, String problem, int contextLine) {
        String[] lines = text.split("\r?\n", -1);
        if (!problem.contains("expected ':'") || contextLine <= 0 || contextLine >= lines.length) {
            return Optional.empty();
        }
        int header = contextLine - 1;
        while (header >= 0 && lines[header].isBlank()) {
            header--;
        }
        if (header < 0) {
            return Optional.empty();
        }
        Matcher m = BLOCK_HEADER.matcher(lines[header]);
        String body = lines[contextLine];
        int bodyIndent = body.length() - body.stripLeading().length();
        if (!m.matches() || bodyIndent > m.start(2)) {
            return Optional.empty();
        }
        String key = m.group(2).trim();
        return Optional.of(Problem.error(new Position(file, contextLine + 1, bodyIndent + 1),
                "invalid YAML: the text under '" + lines[header].strip() + "' (line " + (header + 1)
                        + ") is not indented, so YAML reads it as keys",
                "Indent every line of that text by more spaces than '" + key + "' (2 more is usual). If the whole file lost its"
                        + " indentation (copied from a page that flattened it), re-indent it: nested keys and list items go"
                        + " under their parent key"));
    }

    /** A quote never closed: point at where it opens, not at the end of the file. */
    private static Optional<Problem> unclosedQuote(String file, String problem, String context, Mark contextMark) {
        if (!problem.contains("end of stream") || !context.contains("quoted scalar")) {
            return Optional.empty();
        }
        return Optional.of(Problem.error(YamlReader.position(file, contextMark), "invalid YAML: the quoted text that starts here is never closed",
                "Add the closing quote; inside \"...\" write a quote as \\\", inside '...' as ''"));
    }

    private static String fixFor(String problem) {
        String p = problem.toLowerCase(Locale.ROOT);
        if (p.contains("'\\t'") || p.contains("tab")) {
            return "YAML does not allow tabs for indentation; indent with spaces";
        }
        if (p.contains("mapping values are not allowed")) {
            return "A value that contains ': ' must be quoted, or this line is indented wrongly: nested keys go under their parent, indented by more spaces";
        }
        if (p.contains("could not find expected ':'") || p.contains("expected <block end>")) {
            return "Check the indentation: nested keys, list items and block text (after '|' or '>') must be indented under their parent key";
        }
        if (p.contains("found undefined alias") ) {
            return "Define the anchor (&name) before using the alias (*name)";
        }
        if (p.contains("found unexpected end of stream") || p.contains("found unexpected end")) {
            return "A quoted string or a bracket is not closed";
        }
        if (p.contains("found character '@'") || p.contains("found character '`'")) {
            return "Quote values that start with @ or `";
        }
        return "Fix the YAML syntax at this position";
    }
}
